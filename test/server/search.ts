import { parseQuery, type Query } from './context';
import { paramErr } from './errors';
import { displayName } from './serialize';
import type { State } from './state';
import type { FileRecord } from './types';

// Search query of a cloudreve URI (§1.13): name (wildcards, AND/OR, case folding), type, category,
// meta_/exact_meta_, size and time bounds.

/** Default `explorer_category_*_query` settings of a fresh install. */
export const CATEGORY_QUERIES: Record<string, string> = {
	image: 'type=file&case_folding&use_or&name=*.bmp&name=*.iff&name=*.png&name=*.gif&name=*.jpg&name=*.jpeg&name=*.psd&name=*.svg&name=*.webp&name=*.heif&name=*.heic&name=*.tiff&name=*.avif',
	video: 'type=file&case_folding&use_or&name=*.mp4&name=*.m3u8&name=*.flv&name=*.avi&name=*.wmv&name=*.mkv&name=*.rm&name=*.rmvb&name=*.mov&name=*.ogv',
	audio: 'type=file&case_folding&use_or&name=*.mp3&name=*.flac&name=*.ape&name=*.wav&name=*.acc&name=*.ogg&name=*.m4a',
	document: 'type=file&case_folding&use_or&name=*.pdf&name=*.doc&name=*.docx&name=*.ppt&name=*.pptx&name=*.xls&name=*.xlsx&name=*.csv&name=*.txt&name=*.md&name=*.pub',
};

const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: string | string[] | undefined): string | undefined => all(v)[0];

function nameMatcher(term: string, fold: boolean): (name: string) => boolean {
	const norm = (s: string) => (fold ? s.toLowerCase() : s);
	if (term.length >= 2 && term.startsWith('"') && term.endsWith('"')) {
		const lit = norm(term.slice(1, -1));
		return (n) => norm(n).includes(lit);
	}
	if (term.includes('*')) {
		const re = new RegExp(
			'^' + term.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$',
			fold ? 'is' : 's',
		);
		return (n) => re.test(n);
	}
	const lit = norm(term);
	return (n) => norm(n).includes(lit);
}

function num(v: string | undefined): number {
	const n = Number(v ?? 0);
	return Number.isFinite(n) ? n : 0;
}

export function buildSearchFilter(state: State, search: Query): (f: FileRecord) => boolean {
	let q: Query = { ...search };
	const category = first(q.category);
	if (category !== undefined) {
		const extra = CATEGORY_QUERIES[category];
		if (!extra) throw paramErr('Unknown category');
		const cq = parseQuery(extra);
		q = { ...q, ...cq, name: [...all(q.name), ...all(cq.name)] };
	}
	const fold = 'case_folding' in q;
	const useOr = 'use_or' in q || 'name_op_or' in q;
	const names = all(q.name).filter((n) => n !== '').map((n) => nameMatcher(n, fold));
	const type = first(q.type);
	const meta = Object.keys(q)
		.filter((k) => k.startsWith('meta_'))
		.map((k) => ({ key: k.slice(5), value: (first(q[k]) ?? '').toLowerCase() }));
	const exact = Object.keys(q)
		.filter((k) => k.startsWith('exact_meta_'))
		.map((k) => ({ key: k.slice(11), value: first(q[k]) ?? '' }));
	const hasSize = q.size_gte !== undefined || q.size_lte !== undefined;
	const sizeGte = num(first(q.size_gte));
	const sizeLte = num(first(q.size_lte));
	const bound = (k: string) => (q[k] === undefined ? undefined : num(first(q[k])));
	const cg = bound('created_gte');
	const cl = bound('created_lte');
	const ug = bound('updated_gte');
	const ul = bound('updated_lte');
	return (f) => {
		const name = displayName(state, f);
		if (names.length && !(useOr ? names.some((m) => m(name)) : names.every((m) => m(name)))) return false;
		if (type === 'file' && f.type !== 0) return false;
		if (type === 'folder' && f.type !== 1) return false;
		for (const m of meta) {
			if (f.privateMetadata.has(m.key) || m.key.startsWith('sys:upload')) return false;
			const v = f.metadata[m.key];
			if (v === undefined || !v.toLowerCase().includes(m.value)) return false;
		}
		for (const m of exact) if (f.metadata[m.key] !== m.value) return false;
		// Both size bounds apply once either is sent; a missing one counts as 0 (§1.13).
		if (hasSize && (f.size < sizeGte || f.size > sizeLte)) return false;
		const created = f.createdAt / 1e6;
		const updated = f.updatedAt / 1e6;
		if (cg !== undefined && created < cg) return false;
		if (cl !== undefined && created > cl) return false;
		if (ug !== undefined && updated < ug) return false;
		if (ul !== undefined && updated > ul) return false;
		return true;
	};
}
