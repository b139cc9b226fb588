import { type Runner, TaskFailure } from './engine';
import { ownerOf, resolveMine, writeFile } from './files';

// import (admin) and relocate ([Pro]) runners (§2.5).

/** Files of `engine.external` below the physical folder `src` (direct children only unless recursive). */
function physicalFiles(external: Map<string, Buffer>, src: string, recursive: boolean): Array<{ rel: string; content: Buffer }> {
	const base = `/${src.split('/').filter(Boolean).join('/')}`;
	const prefix = base === '/' ? '/' : `${base}/`;
	const out: Array<{ rel: string; content: Buffer }> = [];
	for (const [path, content] of external) {
		if (!path.startsWith(prefix)) continue;
		const rel = path.slice(prefix.length);
		if (!recursive && rel.includes('/')) continue;
		out.push({ rel, content });
	}
	return out.sort((a, b) => (a.rel < b.rel ? -1 : 1));
}

export const importRunner: Runner = async (t, engine) => {
	const { state } = engine;
	const target = ownerOf(state, t.secret.userId as number);
	const src = String(t.props.src_str);
	const files = physicalFiles(engine.external, src, t.secret.recursive === true);
	await engine.tick(t);
	if (files.length === 0) throw new TaskFailure(`failed to walk physical path "${src}": no such file or directory`);
	const dst = String(t.secret.dstPath).split('/').filter(Boolean);
	let failed = 0;
	for (let i = 0; i < files.length; i++) {
		const written = writeFile(state, target, [...dst, ...files[i].rel.split('/')], files[i].content, false);
		if (typeof written === 'string') failed++;
		engine.progress(t, 'imported', i + 1, files.length, files[i].rel);
		await engine.tick(t);
	}
	if (failed) t.props.failed = failed;
};

export const relocateRunner: Runner = async (t, engine) => {
	const { state } = engine;
	const owner = ownerOf(state, t.ownerId);
	const policyId = t.secret.policyId as number;
	const entities = new Set<number>();
	for (const uri of t.props.src_multiple as string[]) {
		const f = resolveMine(state, owner, uri);
		for (const item of f.type === 1 ? state.descendants(f.id) : [f]) for (const e of item.entityIds) entities.add(e);
	}
	let done = 0;
	for (const id of entities) {
		const ent = state.entities.get(id);
		if (ent) ent.policyId = policyId;
		engine.progress(t, 'relocate', ++done, entities.size);
		await engine.tick(t);
	}
};
