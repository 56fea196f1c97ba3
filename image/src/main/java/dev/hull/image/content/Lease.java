package dev.hull.image.content;

/**
 * Keeps garbage collection away while held. A pull writes many blobs before the image
 * store names the manifest that makes them reachable; without a lease a collection
 * in between would delete the blobs already written.
 */
public interface Lease extends AutoCloseable {
    @Override
    void close();
}
