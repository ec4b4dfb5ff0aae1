"""A test bed of real network shares on loopback, each mounted twice (two mounts = two computers).

    python tests/shares.py up      # start the servers and mount; prints the mounts
    python tests/shares.py down    # unmount and stop the servers
    python tests/shares.py status

- sshfs: an OpenSSH server on 127.0.0.1 (its own config, keys and port, never the
  machine's), its export mounted twice with sshfs, each mount its own SSH connection;
- SMB: Samba on 127.0.0.1 (its own config, users and state folders), its share mounted
  twice with smbnetfs, each mount its own client process with its own home;
- kernel CIFS and NFS: mounted only where the kernel has the client (``/proc/filesystems``);
  otherwise skipped with that reason.

Everything lives under one folder (``CG_SHARES_ROOT``, by default ``cg-shares`` in the
temporary folder), so ``up`` is idempotent and ``down`` leaves nothing running. It
needs root (servers, FUSE) and Debian's packages openssh-server, sshfs, samba and
smbnetfs; ``.ci/run`` installs them. Each share that cannot be set up says why.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SMB_USER = "root"
SMB_PASSWORD = "cg-test-bed"  # a throwaway account of a server that listens on loopback only
SHARE_NAME = "team"
MOUNT_WAIT_S = 20.0


@dataclass(frozen=True)
class Share:
    """One export reached through two client mounts; ``a`` and ``b`` are the same folder."""

    kind: str  # "sshfs", "smbnetfs", "cifs", "nfs"
    a: Path
    b: Path


@dataclass(frozen=True)
class BedState:
    shares: tuple[Share, ...]
    skipped: dict[str, str]  # share kind -> why it is not there


def root() -> Path:
    return Path(os.environ.get("CG_SHARES_ROOT") or Path(tempfile.gettempdir()) / "cg-shares")


def _run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None,
         timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, env=env, input=stdin,
                          timeout=timeout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mounted(mount_point: Path) -> str | None:
    """The file system type mounted at ``mount_point``, or None."""
    target = str(mount_point)
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        left, _, right = line.partition(" - ")
        fields = left.split()
        if len(fields) > 4 and fields[4].replace("\\040", " ") == target:
            return right.split()[0]
    return None


def _answers(mount_point: Path) -> bool:
    """A mount whose client still answers (a killed client leaves a dead mount behind)."""
    try:
        return subprocess.run(["stat", str(mount_point)], capture_output=True,
                              timeout=5).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def _clear_dead(mount_point: Path) -> None:
    if _mounted(mount_point) and not _answers(mount_point):
        _run("fusermount", "-u", "-z", str(mount_point))
        if _mounted(mount_point):
            _run("umount", "-l", str(mount_point))


def _wait_for(predicate, what: str, seconds: float = MOUNT_WAIT_S) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {seconds:g} s")


def _pid_alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except (OSError, ValueError, IndexError):
        return False
    return True


def _unmount(mount_point: Path) -> None:
    if _mounted(mount_point):
        if _run("fusermount", "-u", str(mount_point)).returncode != 0:
            _run("umount", "-l", str(mount_point))


def _missing(*programs: str) -> str:
    absent = [p for p in programs if not shutil.which(p) and not Path(p).exists()]
    return f"{', '.join(absent)} not installed" if absent else ""


# --------------------------------------------------------------------------- sshfs

def _sshd_dir() -> Path:
    return root() / "sshd"


def _sshd_port() -> int:
    return int((_sshd_dir() / "port").read_text())


def _start_sshd() -> None:
    folder = _sshd_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "sshd.pid").exists() and _pid_alive(folder / "sshd.pid"):
        return
    for key in ("host_key", "client_key"):
        if not (folder / key).exists():
            result = _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key))
            if result.returncode != 0:
                raise RuntimeError(f"ssh-keygen failed: {result.stderr.strip()}")
    shutil.copy(folder / "client_key.pub", folder / "authorized_keys")
    port = _free_port()
    (folder / "port").write_text(str(port))
    (folder / "sshd_config").write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {folder / 'host_key'}",
        f"PidFile {folder / 'sshd.pid'}", f"AuthorizedKeysFile {folder / 'authorized_keys'}",
        "PermitRootLogin prohibit-password", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
        "Subsystem sftp internal-sftp", ""]))
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)  # its privilege separation folder
    result = _run("/usr/sbin/sshd", "-f", str(folder / "sshd_config"))
    if result.returncode != 0:
        raise RuntimeError(f"sshd did not start: {result.stderr.strip()}")
    _wait_for(lambda: _pid_alive(folder / "sshd.pid"), "sshd")


def _mount_sshfs(export: Path, mount_point: Path) -> None:
    _clear_dead(mount_point)
    if _mounted(mount_point):
        return
    mount_point.mkdir(parents=True, exist_ok=True)
    folder = _sshd_dir()
    result = _run("sshfs", "-p", str(_sshd_port()), "-o", f"IdentityFile={folder / 'client_key'}",
                  "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                  "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                  f"root@127.0.0.1:{export}", str(mount_point))
    if result.returncode != 0:
        raise RuntimeError(f"sshfs could not mount: {result.stderr.strip()}")
    _wait_for(lambda: _mounted(mount_point) is not None, f"the sshfs mount {mount_point.name}")


def up_sshfs() -> Share:
    problem = _missing("/usr/sbin/sshd", "sshfs", "ssh-keygen")
    if problem:
        raise RuntimeError(problem)
    export = root() / "export" / "sshfs"
    export.mkdir(parents=True, exist_ok=True)
    _start_sshd()
    share = Share("sshfs", root() / "mnt" / "sshfs-a", root() / "mnt" / "sshfs-b")
    _mount_sshfs(export, share.a)
    _mount_sshfs(export, share.b)
    return share


def down_sshfs() -> None:
    for name in ("sshfs-a", "sshfs-b"):
        _unmount(root() / "mnt" / name)
    pid_file = _sshd_dir() / "sshd.pid"
    if _pid_alive(pid_file):
        os.kill(int(pid_file.read_text().split()[0]), 15)


# --------------------------------------------------------------------------- SMB

def _samba_dir() -> Path:
    return root() / "samba"


def _start_samba(export: Path) -> None:
    folder = _samba_dir()
    conf = folder / "smb.conf"
    pid_file = folder / "pid" / "smbd.pid"
    if pid_file.exists() and _pid_alive(pid_file):
        return
    for sub in ("private", "lock", "state", "cache", "pid", "ncalrpc", "log"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    conf.write_text("\n".join([
        "[global]", "interfaces = 127.0.0.1", "bind interfaces only = yes", "smb ports = 445",
        "disable netbios = yes", "server role = standalone server",
        f"private dir = {folder / 'private'}", f"lock directory = {folder / 'lock'}",
        f"state directory = {folder / 'state'}", f"cache directory = {folder / 'cache'}",
        f"pid directory = {folder / 'pid'}", f"ncalrpc dir = {folder / 'ncalrpc'}",
        f"log file = {folder / 'log' / 'log.%m'}", "max log size = 1000",
        f"passdb backend = tdbsam:{folder / 'private' / 'passdb.tdb'}",
        "load printers = no", "printing = bsd", "printcap name = /dev/null",
        "disable spoolss = yes", "map to guest = never",
        f"[{SHARE_NAME}]", f"path = {export}", "read only = no", f"valid users = {SMB_USER}",
        ""]))
    result = _run("smbpasswd", "-c", str(conf), "-a", "-s", SMB_USER,
                  stdin=f"{SMB_PASSWORD}\n{SMB_PASSWORD}\n")
    if result.returncode != 0:
        raise RuntimeError(f"smbpasswd failed: {(result.stderr or result.stdout).strip()}")
    result = _run("/usr/sbin/smbd", "-D", "-s", str(conf))
    if result.returncode != 0:
        raise RuntimeError(f"smbd did not start: {(result.stderr or result.stdout).strip()}")

    def listening() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", 445), timeout=0.5):
                return True
        except OSError:
            return False

    _wait_for(listening, "smbd")


def _mount_smbnetfs(client: str, mount_point: Path) -> Path:
    """One smbnetfs client (its own home and config); returns the share's folder in it."""
    inside = mount_point / "127.0.0.1" / SHARE_NAME
    _clear_dead(mount_point)
    if not _mounted(mount_point):
        home = _samba_dir() / "clients" / client
        smb = home / ".smb"
        smb.mkdir(parents=True, exist_ok=True)
        (smb / "smbnetfs.conf").write_text("\n".join([
            f'auth "127.0.0.1" "{SMB_USER}" "{SMB_PASSWORD}"', 'show_$_shares "false"',
            'use_libsecret "false"', 'smbnetfs_debug 0', 'log_file ""', ""]))
        os.chmod(smb / "smbnetfs.conf", 0o600)
        (smb / "smb.conf").write_text("[global]\nclient min protocol = SMB2\n"
                                      "disable netbios = yes\n")
        mount_point.mkdir(parents=True, exist_ok=True)
        result = _run("smbnetfs", str(mount_point), env=dict(os.environ, HOME=str(home)))
        if result.returncode != 0:
            raise RuntimeError(f"smbnetfs could not mount: {result.stderr.strip()}")
        _wait_for(lambda: _mounted(mount_point) is not None, f"the smbnetfs mount {client}")
    _wait_for(inside.is_dir, f"the share through smbnetfs {client}")
    return inside


def up_smbnetfs() -> Share:
    problem = _missing("/usr/sbin/smbd", "smbpasswd", "smbnetfs")
    if problem:
        raise RuntimeError(problem)
    export = root() / "export" / "smb"
    export.mkdir(parents=True, exist_ok=True)
    _start_samba(export)
    return Share("smbnetfs", _mount_smbnetfs("a", root() / "mnt" / "smb-a"),
                 _mount_smbnetfs("b", root() / "mnt" / "smb-b"))


def down_smbnetfs() -> None:
    for name in ("smb-a", "smb-b"):
        _unmount(root() / "mnt" / name)
    pid_file = _samba_dir() / "pid" / "smbd.pid"
    if _pid_alive(pid_file):
        os.kill(int(pid_file.read_text().split()[0]), 15)


# --------------------------------------------------------------------------- the bed

def kernel_clients() -> dict[str, str]:
    """Why kernel CIFS and NFS mounts are not on the bed, for each that the kernel lacks."""
    try:
        known = {line.split()[-1] for line in Path("/proc/filesystems").read_text().splitlines()}
    except OSError:
        known = set()
    return {kind: f"the kernel has no {kind.upper()} client (/proc/filesystems does not list "
                  f"{kind}), so it cannot be mounted here"
            for kind in ("cifs", "nfs") if kind not in known}


BRINGERS = {"sshfs": up_sshfs, "smbnetfs": up_smbnetfs}


def up(kinds: tuple[str, ...] = ("sshfs", "smbnetfs")) -> BedState:
    """Bring up each share (idempotently); a share that cannot come up is skipped with why."""
    shares: list[Share] = []
    skipped = dict(kernel_clients())
    if os.name != "posix" or os.geteuid() != 0:
        return BedState((), {kind: "the test bed needs root (servers and FUSE mounts)"
                             for kind in kinds} | skipped)
    if not Path("/dev/fuse").exists():
        return BedState((), {kind: "there is no /dev/fuse" for kind in kinds} | skipped)
    for kind in kinds:
        try:
            shares.append(BRINGERS[kind]())
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
            skipped[kind] = str(error)
    return BedState(tuple(shares), skipped)


def down() -> None:
    down_sshfs()
    down_smbnetfs()


def remount(share: Share, side: str = "b") -> None:
    """Mount one side again after a test took it away."""
    if share.kind == "sshfs":
        _mount_sshfs(root() / "export" / "sshfs", share.b if side == "b" else share.a)
    else:
        mount_point = share.b.parent.parent if side == "b" else share.a.parent.parent
        _mount_smbnetfs(mount_point.name[-1], mount_point)


def unmount(share: Share, side: str = "b") -> None:
    path = share.b if side == "b" else share.a
    _unmount(path if share.kind == "sshfs" else path.parent.parent)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "down":
        down()
        return 0
    if command not in ("up", "status"):
        print(__doc__)
        return 2
    state = up() if command == "up" else BedState(
        tuple(Share(k, a, b) for k, a, b in (
            ("sshfs", root() / "mnt/sshfs-a", root() / "mnt/sshfs-b"),
            ("smbnetfs", root() / f"mnt/smb-a/127.0.0.1/{SHARE_NAME}",
             root() / f"mnt/smb-b/127.0.0.1/{SHARE_NAME}"))
            if _mounted(a if k == "sshfs" else a.parent.parent)), {})
    print(json.dumps({"shares": [{k: str(v) for k, v in asdict(s).items()} for s in state.shares],
                      "skipped": state.skipped}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
