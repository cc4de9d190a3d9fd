#ifndef ENTRYLEDGER_CSQLITE_SHIM_H
#define ENTRYLEDGER_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro Swift cannot import; the store defines its own once.
// Variadic C functions are unavailable in Swift, so the few we need are wrapped here.

static inline int entryledger_sqlite3_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

#endif
