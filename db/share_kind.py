"""What kind of folder holds the team file, read from the mount table, and whether the
file's own (SQLite) locking may be trusted there.

SQLite keeps writers apart with byte-range locks on the file. On a local disk the
kernel holds them, and two processes of one computer see each other's. A network
client may keep them to itself instead: sshfs (SFTP has no locks) and smbnetfs (its
FUSE layer has none) lock only within one mount, so two computers both "get" the
write lock, and the lock self-test on open cannot see it, since its second process
uses the same mount. Kernel CIFS and NFS pass locks to the server but cache pages
behind SQLite's back. So on every network share, and in folders that a sync client
copies around, concurrent writing cannot be proven safe: one person edits at a time
under the lease (``db.lease``), which needs only an exclusive create on the server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from db.locking import cloud_sync_service

MOUNT_TABLE = Path("/proc/self/mountinfo")


class ShareKind(Enum):
    LOCAL = "local disk"
    SSHFS = "sshfs"
    SMB_FUSE = "SMB (FUSE client)"
    OTHER_FUSE = "FUSE file system"
    CIFS = "SMB (CIFS)"
    NFS = "NFS"
    NETWORK = "network folder"  # a network folder of unknown kind (a UNC path, AFS, ...)
    CLOUD_SYNC = "cloud-sync folder"
    UNKNOWN = "unknown"

    @property
    def trusts_file_locks(self) -> bool:
        """Whether SQLite's own locks may keep two writers apart here (after the self-test)."""
        return self in (ShareKind.LOCAL, ShareKind.UNKNOWN)

    @property
    def lease_as_folder(self) -> bool:
        """Whether the edit lease is taken by making a folder rather than a file: where the
        client is not known to create a file exclusively (smbnetfs creates every file with
        "create or truncate", so two takers both got it), since a folder is made only where
        none is on every server. Not everywhere: sshfs caches folders for 20 s, so a lease
        folder given back would look held for that long on the other computer, while its
        exclusive file create is carried out by the server."""
        return self in (ShareKind.SMB_FUSE, ShareKind.OTHER_FUSE)


#: File system types of local disks and of memory; anything else unknown is UNKNOWN.
LOCAL_TYPES = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "tmpfs",
    "ramfs", "overlay", "squashfs", "erofs", "vfat", "exfat", "ntfs", "ntfs3", "hfsplus",
    "apfs", "fuseblk", "bcachefs"})
NETWORK_TYPES = frozenset({"afs", "9p", "ceph", "glusterfs", "lustre", "ocfs2", "gfs2",
                           "davfs", "ncpfs", "coda", "virtiofs"})
SMB_FUSE_TYPES = frozenset({"fuse.smbnetfs", "fuse.fusesmb", "fuse.smb4k", "fuse.smbfs"})
CLOUD_FUSE_TYPES = frozenset({"fuse.rclone", "fuse.onedriver", "fuse.google-drive-ocamlfuse",
                              "fuse.gcsfuse", "fuse.s3fs", "fuse.goofys", "fuse.dropbox"})


@dataclass(frozen=True)
class Share:
    kind: ShareKind
    fstype: str = ""
    mount_point: str = ""
    source: str = ""

    def describe(self) -> str:
        return self.kind.value if not self.fstype else f"{self.kind.value} ({self.fstype})"


def _unescape(field: str) -> str:
    """The mount table writes spaces, tabs, newlines and backslashes as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def parse_mountinfo(text: str) -> list[tuple[str, str, str]]:
    """(mount point, file system type, source) of each line of ``/proc/self/mountinfo``."""
    mounts = []
    for line in text.splitlines():
        left, separator, right = line.partition(" - ")
        fields, after = left.split(), right.split()
        if separator and len(fields) > 4 and after:
            mounts.append((_unescape(fields[4]), after[0], _unescape(after[1]) if len(after) > 1
                           else ""))
    return mounts


def kind_of_type(fstype: str) -> ShareKind:
    if fstype == "fuse.sshfs":
        return ShareKind.SSHFS
    if fstype in SMB_FUSE_TYPES:
        return ShareKind.SMB_FUSE
    if fstype in CLOUD_FUSE_TYPES:
        return ShareKind.CLOUD_SYNC
    if fstype.startswith(("fuse.", "fuse")) and fstype != "fuseblk":
        return ShareKind.OTHER_FUSE
    if fstype in ("cifs", "smb3", "smbfs"):
        return ShareKind.CIFS
    if fstype.startswith("nfs"):
        return ShareKind.NFS
    if fstype in LOCAL_TYPES:
        return ShareKind.LOCAL
    if fstype in NETWORK_TYPES:
        return ShareKind.NETWORK
    return ShareKind.UNKNOWN


def _windows_share(resolved: Path) -> Share | None:
    """A UNC path or a mapped network drive (``GetDriveTypeW`` says DRIVE_REMOTE)."""
    if str(resolved).startswith("\\\\"):
        return Share(ShareKind.NETWORK, "smb", resolved.anchor)
    try:
        import ctypes

        remote = ctypes.windll.kernel32.GetDriveTypeW(resolved.anchor) == 4  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    return Share(ShareKind.NETWORK, "network drive", resolved.anchor) if remote else Share(
        ShareKind.LOCAL, "", resolved.anchor)


def parse_bsd_mounts(text: str) -> list[tuple[str, str, str]]:
    """(mount point, type, source) from macOS's ``mount``: "SRC on POINT (TYPE, ...)"."""
    mounts = []
    for line in text.splitlines():
        source, on, rest = line.partition(" on ")
        point, paren, options = rest.rpartition(" (")
        if on and paren:
            fstype = options.split(",")[0].strip(" )")
            mounts.append((point, BSD_TYPES.get(fstype, fstype), source))
    return mounts


#: macOS's names for the kinds above, as Linux's mount table spells them.
BSD_TYPES = {"smbfs": "cifs", "afpfs": "afs", "webdav": "davfs", "macfuse": "fuse.macfuse",
             "osxfuse": "fuse.osxfuse", "apfs": "apfs", "hfs": "hfsplus", "msdos": "vfat"}


def _mount_table() -> list[tuple[str, str, str]] | None:
    try:
        return parse_mountinfo(MOUNT_TABLE.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        pass
    if sys.platform == "darwin":
        try:
            listed = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return parse_bsd_mounts(listed.stdout)
    return None


def share_of(path: Path, mount_table: str | None = None) -> Share:
    """The kind of folder ``path`` is in: a cloud-sync folder by its name, else its mount
    (Linux's mount table, macOS's ``mount``, Windows' drive type); UNKNOWN where none of
    those can tell, and then the lock self-test decides."""
    resolved = path.expanduser().resolve()
    if cloud_sync_service(resolved):
        return Share(ShareKind.CLOUD_SYNC)
    if os.name == "nt" and mount_table is None:
        return _windows_share(resolved) or Share(ShareKind.UNKNOWN)
    mounts = parse_mountinfo(mount_table) if mount_table is not None else _mount_table()
    if mounts is None:
        return Share(ShareKind.UNKNOWN)
    best: tuple[str, str, str] | None = None
    text = str(resolved)
    for mount_point, fstype, source in mounts:
        inside = text == mount_point or text.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) >= len(best[0])):
            best = (mount_point, fstype, source)  # the last, longest match is on top
    if best is None:
        return Share(ShareKind.UNKNOWN)
    return Share(kind_of_type(best[1]), best[1], best[0], best[2])
