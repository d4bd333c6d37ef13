// The SQLite history's tests are added with the store.
