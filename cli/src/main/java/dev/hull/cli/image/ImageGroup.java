package dev.hull.cli.image;

import picocli.CommandLine.Command;

/** {@code hull image ...}: docker's management-command forms. */
@Command(name = "image", description = "Manage images.",
        subcommands = {ImagesCommand.class, RmiCommand.class, TagCommand.class, BootstrapCommand.class})
public final class ImageGroup {
}
