export { ProcError, type ProcErrorKind } from './proc-error.js';
export { setProcRoot, getProcRoot, readProcFile, procPath, procFailure, type Pid } from './proc-files.js';
export { parseStatus, readStatus, type ProcStatus } from './status.js';
export { parseLimits, readLimits, type ProcLimits } from './limits.js';
export { hugePagesUnasked, PAGES_PER_HUGE_PAGE } from './huge-pages.js';
export { parseStat, readStat, type ProcStat } from './stat.js';
export { parseMaps, parseMapsLine, readMaps, classifyRegion, entrySize, type MapsEntry, type RegionKind } from './maps.js';
export { parseSmaps, readSmaps, type SmapsEntry } from './smaps.js';
export {
  PagemapFile, decodePagemap, PAGEMAP_ENTRY_BYTES, PAGE_ABSENT, PAGE_PRESENT, PAGE_SWAPPED, type PageState, type PagemapCounts,
} from './pagemap.js';
export { parseProcMountOptions, readProcMountOptions, type HidePid, type ProcMountOptions } from './proc-mount.js';
export { readProcFilesOwner, readExecutablePath } from './proc-entry.js';
export { runPs, runPsSync, parsePsLine, type PsReading } from './ps.js';
export { type MemoryFigures, MemoryReader } from './memory-reader.js';
