import { fileURLToPath } from 'node:url';

// The driver's C source and the lab headers ship in the package's driver/ folder ("files" in
// package.json). This module sits two folders below the package root both as source
// (source/student/) and as build output (dist/student/), so one relative path serves both.
const driverFolder = new URL('../../driver/', import.meta.url);

/** The C source of the process that runs a student's library. */
export const driverSourcePath = fileURLToPath(new URL('memtui-driver.c', driverFolder));

/** The lab's alloc.h and ealloc.h, for a student's file whose folder has no copy of them. */
export const labHeadersFolder = fileURLToPath(new URL('include/', driverFolder));
