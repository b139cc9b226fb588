// What the trigger watches, split between the server's search (cloudreve-api.md §1.13) and a check on each
// listed item. The search takes only what cannot hide an upload in progress: size is checked here, because a
// placeholder's size is not final until its upload completes (§3.1), and the name pattern goes to the server
// only when no category is chosen (a category expands to OR-ed name terms that would OR the pattern too).
import type { FileResponse } from '../shared/api/types';
import { parentUri } from '../shared/uri';

import type { TriggerEvent } from './description';

export interface FileFilters {
	category?: string;
	extensions?: string;
	namePattern?: string;
	minSize?: number;
	maxSize?: number;
}

export interface FileWatch {
	event: Exclude<TriggerEvent, 'taskFinished'>;
	folderUri: string;
	includeSubfolders: boolean;
	foldersToo: boolean;
	filters: FileFilters;
}

/** Upload sessions mark their file with this metadata until they complete (§3.1, §3.4). */
export const UPLOAD_SESSION_KEY = 'sys:upload_session_id';

export function parseExtensions(raw: string | undefined): string[] {
	return (raw ?? '')
		.split(/[\s,;]+/)
		.map((e) => e.trim().replace(/^\*?\./, '').toLowerCase())
		.filter(Boolean);
}

/** The search parameters of a poll (time bounds are added by the caller). */
export function searchParams(watch: FileWatch): Array<[string, string]> {
	const params: Array<[string, string]> = [];
	if (watch.event === 'fileUpdated' || !watch.foldersToo) params.push(['type', 'file']);
	const category = watch.filters.category;
	if (category) params.push(['category', category]);
	else if (watch.filters.namePattern?.trim()) params.push(['name', watch.filters.namePattern.trim()], ['case_folding', '']);
	return params;
}

function wildcard(pattern: string): RegExp {
	const body = pattern
		.split('*')
		.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	// Cloudreve matches a term without `*` as a substring, and `*` terms as whole-name LIKE patterns (§1.13).
	return new RegExp(pattern.includes('*') ? `^${body}$` : body, 'is');
}

/** Whether a listed item is one the user asked for (beyond what the search already filtered). */
export function fileMatches(file: FileResponse, watch: FileWatch): boolean {
	const isFolder = file.type === 1;
	if (isFolder && (watch.event === 'fileUpdated' || !watch.foldersToo)) return false;
	if (!watch.includeSubfolders && parentUri(file.path) !== parentUri(`${watch.folderUri}/x`)) return false;
	const f = watch.filters;
	const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : '';
	const extensions = parseExtensions(f.extensions);
	if (extensions.length && (isFolder || !extensions.includes(extension))) return false;
	// The category is the server's (the site's own category queries); a folder never has one.
	if (f.category && isFolder) return false;
	if (f.namePattern?.trim() && !wildcard(f.namePattern.trim()).test(file.name)) return false;
	if (!isFolder) {
		if ((f.minSize ?? 0) > 0 && file.size < (f.minSize ?? 0)) return false;
		if ((f.maxSize ?? 0) > 0 && file.size > (f.maxSize ?? 0)) return false;
	}
	if (watch.event === 'fileUpdated') {
		// A file created and written in one go is new, not updated.
		if (Date.parse(file.updated_at) - Date.parse(file.created_at) < 1000) return false;
	}
	return true;
}

export function isUploading(file: FileResponse): boolean {
	return !!file.metadata && typeof file.metadata[UPLOAD_SESSION_KEY] === 'string';
}
