import * as fs from 'node:fs';

function rssKb(pid: number): number {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

function childPids(pid: number): number[] {
	const children: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// field 4 (ppid) comes after "(comm)", which may itself contain spaces
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) children.push(Number(entry));
		} catch {
			// the process ended while we looked
		}
	}
	return children;
}

export interface RssSample {
	/** Resident set of the n8n main process, MiB. */
	mainMb: number;
	/** Sum over its descendants (the task runner), MiB. */
	childrenMb: number;
}

/** Resident memory of a process and its descendants (Linux /proc). */
export function sampleRss(pid: number): RssSample {
	let children = 0;
	const queue = childPids(pid);
	while (queue.length > 0) {
		const next = queue.shift() as number;
		children += rssKb(next);
		queue.push(...childPids(next));
	}
	return { mainMb: Math.round(rssKb(pid) / 1024), childrenMb: Math.round(children / 1024) };
}
