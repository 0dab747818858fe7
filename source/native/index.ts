export * from './constants.js';
export { NativeError, UnmappedError, nativeError } from './native-error.js';
export { pageSize } from './libc.js';
export { Mapping, type MapOptions, liveMappings, findLiveMapping, unmapAll, ourFootprint } from './mapping.js';
