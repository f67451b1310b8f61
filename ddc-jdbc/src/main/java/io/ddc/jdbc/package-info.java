/**
 * The results database: executions and iterations in SQL, for queries the trace files make
 * awkward (availability by hour over weeks, machines never seen on, why one probe fails).
 *
 * <p>{@link io.ddc.jdbc.Database} says where (SQLite by default, PostgreSQL for shared use) and
 * holds the schema; {@link io.ddc.jdbc.DatabaseListener} writes results while an experiment runs,
 * off its path; {@link io.ddc.jdbc.FolderExport} loads an experiment folder afterwards. Both write
 * with upserts keyed by the primary keys, so any mix of them adds no row twice.
 *
 * <pre>{@code
 * Database database = Database.sqlite(Path.of("lab.sqlite"));
 * try (DatabaseListener listener = DatabaseListener.builder(database).build()) {
 *     Experiment experiment = Experiment.builder("lab") ... .listener(listener).build();
 *     try (ExperimentRun run = experiment.start()) {
 *         run.await();
 *     }
 * }
 * FolderExport.builder(database).build().load(Path.of("ddc-data/lab"));
 * }</pre>
 */
@NullMarked
package io.ddc.jdbc;

import org.jspecify.annotations.NullMarked;
