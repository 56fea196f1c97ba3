/**
 * hull's image side: image references, OCI and Docker manifests, the
 * content-addressed blob store, the registry client and the layer store that
 * unpacks layers into directories ready to be overlayfs lower layers.
 */
package dev.hull.image;
