package dev.hull.sys;

/**
 * What statx(2) reports about a file, in the fields hull uses.
 *
 * @param mode   file type and permission bits ({@link FileNodes#S_IFMT} masks the type)
 * @param blocks 512-byte blocks allocated on disk, which is less than size/512 for a sparse file
 */
public record FileStat(int mode, long inode, int nlink, int uid, int gid, long size, long blocks,
                       int rdevMajor, int rdevMinor, long mtimeSec, int mtimeNsec,
                       long devMajor, long devMinor) {

    public int type() {
        return mode & FileNodes.S_IFMT;
    }

    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == FileNodes.S_IFDIR;
    }

    public boolean isSymlink() {
        return type() == FileNodes.S_IFLNK;
    }

    public boolean isRegular() {
        return type() == FileNodes.S_IFREG;
    }

    public boolean isCharDevice() {
        return type() == FileNodes.S_IFCHR;
    }
}
