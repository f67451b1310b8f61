/**
 * The results database: executions and iterations in SQL, written while an experiment runs
 * ({@link io.ddc.jdbc.DatabaseListener}) and loaded afterwards from an experiment folder
 * ({@link io.ddc.jdbc.FolderExport}), into SQLite or PostgreSQL through plain JDBC. The drivers are
 * found by {@link java.sql.DriverManager}; no code here names them.
 */
@org.jspecify.annotations.NullMarked
module io.ddc.jdbc {
    requires transitive io.ddc.api;
    requires transitive java.sql;
    requires io.ddc.files;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports io.ddc.jdbc;
}
