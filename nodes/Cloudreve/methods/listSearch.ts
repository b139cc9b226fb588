// Browsing for the resource locators' "From List" mode (n8n-notes.md §5), as in Google Drive v2: a typed
// filter searches the whole drive by name; without one, folders come first from a recursive listing.
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { listPage } from '../../shared/api/files';
import type { FileResponse } from '../../shared/api/types';
import { webUrl } from '../../shared/locator';
import { getClient } from '../../shared/transport/client';
import { uriPath, withSearchQuery } from '../../shared/uri';

const PAGE_SIZE = 50;

async function search(
	ctx: ILoadOptionsFunctions,
	type: 'file' | 'folder' | undefined,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await getClient(ctx);
	const params: Array<[string, string]> = [];
	if (type) params.push(['type', type]);
	if (filter && filter.trim()) {
		params.push(['name', filter.trim()], ['case_folding', '']);
	}
	// Any search parameter makes the listing a recursive search below the root (cloudreve-api.md §1.13).
	const uri = params.length ? withSearchQuery('cloudreve://my', params) : 'cloudreve://my';
	const page = await listPage(client, uri, PAGE_SIZE, paginationToken);
	const results: INodeListSearchItems[] = page.files.map((f: FileResponse) => ({
		name: `${uriPath(f.path)}${f.type === 1 ? '/' : ''}`,
		value: f.path,
		url: webUrl(client.siteUrl, f.path),
	}));
	if (!paginationToken && type !== 'file' && !filter) {
		results.unshift({ name: '/ (My Files)', value: 'cloudreve://my', url: webUrl(client.siteUrl, 'cloudreve://my') });
	}
	return { results, paginationToken: page.pagination?.next_token };
}

export async function searchFolders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, 'folder', filter, paginationToken);
}

export async function searchFiles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, 'file', filter, paginationToken);
}

export async function searchAll(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, undefined, filter, paginationToken);
}
