import { unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import type { State } from '../state';
import type { FileRecord } from '../types';
import { type Runner, TaskFailure } from './engine';
import { ensureFolder, mySegments, ownerOf, resolveMine, writeFile } from './files';

// create_archive and extract_archive runners (§2.5): real zip files through fflate.

/** Zip entries for one source: a file by its name, a folder with everything below it (empty folders kept). */
function collect(state: State, f: FileRecord, prefix: string, out: Zippable): void {
	const name = prefix + f.name;
	if (f.type === 0) {
		out[name] = new Uint8Array(state.readContent(f));
		return;
	}
	const children = state.children(f.id);
	if (children.length === 0) out[`${name}/`] = new Uint8Array(0);
	for (const c of children) collect(state, c, `${name}/`, out);
}

export const createArchiveRunner: Runner = async (t, engine) => {
	const { state } = engine;
	const owner = ownerOf(state, t.ownerId);
	const src = t.props.src_multiple as string[];
	const dst = t.props.dst as string;
	engine.set(t, 'processing', 'compress_files');
	await engine.tick(t);
	const entries: Zippable = {};
	for (const uri of src) collect(state, resolveMine(state, owner, uri), '', entries);
	const names = Object.keys(entries);
	const totalSize = names.reduce((n, k) => n + (entries[k] as Uint8Array).length, 0);
	let done = 0;
	let doneSize = 0;
	// One step per file, so bigger archives take visibly longer (tasks finish out of order).
	for (const k of names) {
		done++;
		doneSize += (entries[k] as Uint8Array).length;
		engine.progress(t, 'archive_count', done, names.length);
		engine.progress(t, 'archive_size', doneSize, totalSize, k);
		await engine.tick(t);
	}
	const zip = Buffer.from(zipSync(entries));
	engine.set(t, 'processing', 'upload_archive');
	engine.progress(t, 'upload', 0, zip.length);
	await engine.tick(t);
	const written = writeFile(state, owner, mySegments(dst), zip, false);
	if (typeof written === 'string') throw new TaskFailure(`failed to upload archive: ${written}`);
	engine.progress(t, 'upload', zip.length, zip.length);
	engine.set(t, 'processing', 'complete_upload');
	await engine.tick(t);
};

const MAGIC: Array<[string, number[]]> = [
	['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
	['rar', [0x52, 0x61, 0x72, 0x21]],
	['gzip', [0x1f, 0x8b]],
	['bzip2', [0x42, 0x5a, 0x68]],
	['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
];

function formatOf(buf: Buffer): string {
	if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5)) return 'zip';
	for (const [name, sig] of MAGIC) if (sig.every((b, i) => buf[i] === b)) return name;
	return 'unknown';
}

/** `a/b` selects `a/b` and everything below it (§2.5 file_mask). */
export function matchesMask(entry: string, masks: string[]): boolean {
	if (!masks.length) return true;
	const clean = entry.replace(/\/+$/, '');
	return masks.some((m) => {
		const mask = m.replace(/^\/+|\/+$/g, '');
		return clean === mask || clean.startsWith(`${mask}/`);
	});
}

export const extractRunner: Runner = async (t, engine) => {
	const { state } = engine;
	const owner = ownerOf(state, t.ownerId);
	const src = resolveMine(state, owner, t.props.src as string);
	const dstSegs = mySegments(t.props.dst as string);
	if (src.type !== 0) throw new TaskFailure('failed to extract: source is a folder');
	engine.set(t, 'processing', '');
	await engine.tick(t);
	const buf = state.readContent(src);
	const format = formatOf(buf);
	if (format !== 'zip') {
		// Real Cloudreve extracts 7z, rar and (compressed) tars too; the test server only knows zip (§2.5).
		throw new TaskFailure(`failed to extract archive: unsupported archive format "${format}" (code 40056)`);
	}
	const masks = (t.secret.fileMask as string[] | undefined) ?? [];
	let entries: Unzipped;
	try {
		entries = unzipSync(new Uint8Array(buf), { filter: (f) => matchesMask(f.name, masks) });
	} catch (err) {
		const hint = t.secret.password ? ' (encrypted zip archives are not supported; the password is used for rar and 7z only)' : '';
		throw new TaskFailure(`failed to extract archive: ${(err as Error).message}${hint}`);
	}
	const names = Object.keys(entries).sort();
	const totalSize = names.reduce((n, k) => n + entries[k].length, 0);
	let failed = 0;
	let count = 0;
	let size = 0;
	for (const name of names) {
		const segs = name.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
		if (!segs.length) continue;
		const result = name.endsWith('/')
			? ensureFolder(state, owner, [...dstSegs, ...segs])
			: writeFile(state, owner, [...dstSegs, ...segs], Buffer.from(entries[name]), true);
		if (typeof result === 'string') failed++;
		count++;
		size += entries[name].length;
		engine.progress(t, 'extract_count', count, names.length);
		engine.progress(t, 'extract_size', size, totalSize, name);
		await engine.tick(t);
	}
	if (failed) t.props.failed = failed;
};
