package dev.hull.engine.db;

import java.util.List;
import java.util.function.Supplier;

/**
 * The engine's metadata: containers, volumes and the events log in one SQLite file.
 *
 * <p>Opening brings the schema up to date and runs {@link Repair}, so every hull
 * command starts from a database that tells the truth about which containers run.
 * Several hull processes may hold the file open at once; each change is one
 * transaction (see {@link Database}), and {@link #transaction} groups changes that
 * must land together, such as a state change and the event that reports it.
 */
public final class MetadataStore implements AutoCloseable {

    private final Database db;
    private final SqlContainers containers;
    private final SqlVolumes volumes;
    private final SqlEvents events;
    private final Repair repair;
    private RepairReport lastRepair = new RepairReport(List.of());

    private MetadataStore(Database db, StoreOptions o) {
        this.db = db;
        this.containers = new SqlContainers(db, o.clock(), o.self(), new NameGenerator());
        this.volumes = new SqlVolumes(db);
        this.events = new SqlEvents(db);
        this.repair = new Repair(db, containers, events, o.clock(), o.self(), o.transientGrace(), o.hooks());
    }

    /** Opens (creating if needed) the database, migrates it and repairs it. */
    public static MetadataStore open(StoreOptions options) {
        Database db = Database.open(options.file(), options.busyTimeout());
        try {
            new SchemaMigrator(Migrations.ALL, options.clock()).migrate(db, Migrations.latest());
            MetadataStore store = new MetadataStore(db, options);
            store.repair();
            return store;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Containers containers() {
        return containers;
    }

    public Volumes volumes() {
        return volumes;
    }

    public Events events() {
        return events;
    }

    /**
     * Runs {@code work} in one write transaction: the repository calls inside it commit
     * together or not at all, and no other hull process writes in between.
     */
    public <T> T transaction(Supplier<T> work) {
        return db.write(c -> work.get());
    }

    public void transaction(Runnable work) {
        db.write(c -> {
            work.run();
            return null;
        });
    }

    /** Repairs again (a long-running daemon calls this from time to time); also run by {@link #open}. */
    public synchronized RepairReport repair() {
        lastRepair = repair.run();
        return lastRepair;
    }

    /** What the last repair did. */
    public synchronized RepairReport lastRepair() {
        return lastRepair;
    }

    public int schemaVersion() {
        return db.read(SchemaMigrator::currentVersion);
    }

    @Override
    public void close() {
        db.close();
    }
}
