// Pages through a search listing (cursor pagination is forced for searches, cloudreve-api.md §1.12/§1.13),
// keeping only the items `keep` accepts, until the limit is reached.
import type { FileResponse } from '../../../shared/api/types';
import { listPage, type ListOptions } from '../../../shared/api/files';
import type { CloudreveClient } from '../../../shared/transport/client';

export async function collectSearch(
	client: CloudreveClient,
	uri: string,
	limit: number,
	options: ListOptions,
	keep: (f: FileResponse) => boolean = () => true,
): Promise<{ files: FileResponse[]; recursionLimitReached: boolean }> {
	const files: FileResponse[] = [];
	let token: string | undefined;
	let recursionLimitReached = false;
	do {
		const page = await listPage(client, uri, 500, token, options);
		if (page.recursion_limit_reached) recursionLimitReached = true;
		for (const f of page.files ?? []) {
			if (files.length >= limit) break;
			if (keep(f)) files.push(f);
		}
		token = page.pagination?.next_token;
	} while (token && files.length < limit);
	return { files, recursionLimitReached };
}
