package dev.hull.image.oci;

import java.nio.charset.StandardCharsets;

/** Manifests, indexes and configs shaped like what registries serve, written for these tests. */
final class Samples {

    static final String H1 = "1".repeat(64);
    static final String H2 = "2".repeat(64);
    static final String H3 = "3".repeat(64);
    static final String H4 = "4".repeat(64);

    /** OCI manifest as buildkit pushes it, pretty-printed with annotations. */
    static final String OCI_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": "sha256:%s",
                "size": 1470
              },
              "layers": [
                {
                  "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "sha256:%s",
                  "size": 2152262
                },
                {
                  "mediaType": "application/vnd.oci.image.layer.v1.tar+zstd",
                  "digest": "sha256:%s",
                  "size": 93,
                  "annotations": {"org.opencontainers.image.title": "app"}
                }
              ],
              "annotations": {
                "org.opencontainers.image.created": "2024-05-01T10:00:00Z"
              }
            }
            """.formatted(H1, H2, H3);

    /** Docker schema 2 manifest, compact, as docker push writes it. */
    static final String DOCKER_MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":"
            + "\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"mediaType\":"
            + "\"application/vnd.docker.container.image.v1+json\",\"size\":1457,\"digest\":\"sha256:%s\"},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":"
            + "2215741,\"digest\":\"sha256:%s\"}]}").formatted(H1, H2);

    /** Docker manifest list, as Docker Hub serves for official images. */
    static final String MANIFEST_LIST = """
            {
               "manifests": [
                  {
                     "digest": "sha256:%s",
                     "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                     "platform": {"architecture": "amd64", "os": "linux"},
                     "size": 528
                  },
                  {
                     "digest": "sha256:%s",
                     "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                     "platform": {"architecture": "arm", "os": "linux", "variant": "v7"},
                     "size": 528
                  },
                  {
                     "digest": "sha256:%s",
                     "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                     "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"},
                     "size": 528
                  }
               ],
               "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
               "schemaVersion": 2
            }
            """.formatted(H1, H2, H3);

    /** OCI index with a build attestation entry (platform unknown/unknown) like buildx makes. */
    static final String OCI_INDEX = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1000,
             "platform":{"architecture":"amd64","os":"linux"}},
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":1000,
             "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":840,
             "annotations":{"vnd.docker.reference.digest":"sha256:%s","vnd.docker.reference.type":"attestation-manifest"},
             "platform":{"architecture":"unknown","os":"unknown"}}]}
            """.formatted(H1, H2, H3, H1);

    /** A Docker image config as docker build writes it, with fields hull does not model. */
    static final String DOCKER_CONFIG = """
            {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"app","AttachStdin":false,\
            "ExposedPorts":{"8080/tcp":{}},"Tty":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/bin:/bin",\
            "LANG=C.UTF-8"],"Cmd":["serve","--port","8080"],"Healthcheck":{"Test":["CMD","true"],"Interval":30000000000},\
            "Image":"sha256:%s","Volumes":{"/data":{}},"WorkingDir":"/srv","Entrypoint":["/bin/app"],\
            "OnBuild":null,"Labels":{"maintainer":"ops"},"StopSignal":"SIGTERM"},\
            "container":"0f3e8fbc","container_config":{"Cmd":["/bin/sh","-c","#(nop) CMD [\\"serve\\"]"]},\
            "created":"2024-04-02T08:09:10.123456789Z","docker_version":"24.0.7",\
            "history":[{"created":"2024-03-01T00:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:abc in / "},\
            {"created":"2024-03-01T00:00:01Z","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true},\
            {"created":"2024-04-02T08:09:10Z","created_by":"COPY app /bin/app # buildkit","comment":"buildkit.dockerfile.v0"}],\
            "os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s","sha256:%s"]}}""".formatted(H4, H2, H3);

    private Samples() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
