// "From List" for trash items (File → Restore): the trash is flat; each item shows its original path, taken
// from `sys:restore_uri` (cloudreve-api.md §1.13), and a typed filter searches the trash by name.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listPage } from '../../shared/api/files';
import { webUrl } from '../../shared/locator';
import { getClient } from '../../shared/transport/client';
import { uriPath, withSearchQuery } from '../../shared/uri';

function originalPath(restoreUri: string | undefined, name: string): string {
	if (!restoreUri) return name;
	try {
		return uriPath(restoreUri.split('?')[0]);
	} catch {
		return name;
	}
}

export async function searchTrash(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await getClient(this);
	const text = filter?.trim();
	const uri = text ? withSearchQuery('cloudreve://trash', [['name', text], ['case_folding', '']]) : 'cloudreve://trash';
	const page = await listPage(client, uri, 50, paginationToken);
	return {
		results: page.files.map((f) => ({
			name: `${originalPath(f.metadata?.['sys:restore_uri'], f.name)}${f.type === 1 ? '/' : ''}`,
			value: f.path,
			url: webUrl(client.siteUrl, 'cloudreve://trash'),
		})),
		paginationToken: page.pagination?.next_token,
	};
}
