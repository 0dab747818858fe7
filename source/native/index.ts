export * from './constants.js';
export { NativeError, UnmappedError, nativeError } from './native-error.js';
export { bindLibc, pageSize } from './libc.js';
export { Mapping, type MapOptions, warmNative, liveMappings, findLiveMapping, unmapAll, ourFootprint } from './mapping.js';
