/**
 * hull's image side: image references ({@code ref}), OCI and Docker manifests and
 * configs ({@code oci}), the content-addressed blob store ({@code content}) and the
 * name to image index ({@code store}); the registry client and the layer store that
 * unpacks layers into directories for overlayfs build on them.
 */
package dev.hull.image;
