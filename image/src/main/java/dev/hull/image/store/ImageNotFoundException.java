package dev.hull.image.store;

/** No image matches; the message is docker's ("No such image: busybox:latest"). */
public final class ImageNotFoundException extends ImageStoreException {
    public ImageNotFoundException(String what) {
        super("No such image: " + what);
    }
}
