import fs from 'node:fs';

/** Bit of CAP_SYS_PTRACE in the capability masks of /proc/PID/status. */
const CAP_SYS_PTRACE_BIT = 19n;

function readStatusField(pid: number | 'self', field: string): string | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${field}:`));
    return line ? line.slice(field.length + 1).trim() : null;
  } catch {
    return null;
  }
}

function hasPtraceCapability(): boolean {
  const mask = readStatusField('self', 'CapEff');
  return mask !== null && ((BigInt(`0x${mask}`) >> CAP_SYS_PTRACE_BIT) & 1n) === 1n;
}

function yamaScope(): number | null {
  try {
    return Number(fs.readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8').trim());
  } catch {
    return null;
  }
}

/**
 * One line saying why the kernel refused us `pid`'s memory and how to fix it: Yama's ptrace_scope, another
 * user's process, root without CAP_SYS_PTRACE (the default in containers), or a non-dumpable process.
 */
export function explainPtraceDenied(pid: number): string {
  const denied = `cannot read the memory of process ${pid}`;
  const capable = hasPtraceCapability();
  const scope = yamaScope();
  if (scope === 3)
    return `${denied}: Yama ptrace_scope is 3, which forbids attaching to any process until reboot; boot with kernel.yama.ptrace_scope=1 or lower`;
  if (!capable && scope === 2)
    return `${denied}: Yama ptrace_scope is 2 (only CAP_SYS_PTRACE may attach); run gilscope with sudo, or lower it: sudo sysctl kernel.yama.ptrace_scope=1`;
  const myUid = process.geteuid?.() ?? -1;
  const targetUid = Number(readStatusField(pid, 'Uid')?.split(/\s+/)[1] ?? NaN);
  if (!capable && myUid === 0)
    return `${denied}: GILscope runs as root but without CAP_SYS_PTRACE (containers drop it by default); add it, e.g. docker run --cap-add=SYS_PTRACE, or run on the host`;
  if (!capable && Number.isFinite(targetUid) && targetUid !== myUid)
    return `${denied}: it belongs to user ${targetUid}, GILscope runs as ${myUid}; run gilscope as that user, or with sudo`;
  if (!capable && scope === 1)
    return `${denied}: Yama ptrace_scope is 1 (only a process's ancestors may attach); run gilscope with sudo, or allow it: sudo sysctl kernel.yama.ptrace_scope=0`;
  return `${denied}: the process made itself non-dumpable (or runs a set-uid program); run gilscope with sudo (root with CAP_SYS_PTRACE)`;
}
