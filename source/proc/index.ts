export { ProcError, type ProcErrorKind } from './proc-error.js';
export { setProcRoot, getProcRoot, readProcFile, type Pid } from './proc-files.js';
export { parseStatus, readStatus, type ProcStatus } from './status.js';
export { parseLimits, readLimits, type ProcLimits } from './limits.js';
export { parseStat, readStat, type ProcStat } from './stat.js';
export { parseMaps, parseMapsLine, readMaps, classifyRegion, entrySize, type MapsEntry, type RegionKind } from './maps.js';
export { parseSmaps, readSmaps, type SmapsEntry } from './smaps.js';
export { runPs, runPsSync, parsePsLine, type PsReading } from './ps.js';
export { type MemoryFigures, MemoryReader } from './memory-reader.js';
