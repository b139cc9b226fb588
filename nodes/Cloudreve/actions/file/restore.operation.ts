import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listFiles } from '../../../shared/api/files';
import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { parseUri, toUri } from '../../../shared/uri';
import { additionalItemsOption, continueOnPartialFailureOption, readUriList, runBatch } from './batch';

const show = { resource: ['file'], operation: ['restore'] };

const trashItem = locatorProperty({
	name: 'file',
	displayName: 'Trash Item',
	target: 'any',
	description:
		'The item to restore: pick it from the trash, give the path it had before it was deleted (such as /Reports/q1.pdf), or its trash URI (cloudreve://trash/…, as listed by File → List on cloudreve://trash)',
	displayOptions: { show },
});

// Browse the trash, not the drive, in "From List" mode.
trashItem.modes = trashItem.modes?.map((m) =>
	m.name === 'list' ? { ...m, placeholder: 'Select an item in the trash...', typeOptions: { ...m.typeOptions, searchListMethod: 'searchTrash' } } : m,
);

export const description: INodeProperties[] = [
	trashItem,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [additionalItemsOption, continueOnPartialFailureOption],
	},
];

const stripQuery = (uri: string): string => uri.split('?')[0];

/** Trash URIs for the given URIs: original locations (`cloudreve://my/...`) are looked up in the trash. */
async function toTrashUris(this: IExecuteFunctions, client: CloudreveClient, uris: string[], i: number): Promise<string[]> {
	if (uris.every((u) => parseUri(u).fileSystem === 'trash')) return uris;
	const trash = await listFiles(client, 'cloudreve://trash', { returnAll: true, pageSize: 500 }, { itemIndex: i });
	const byOrigin = new Map<string, string>();
	for (const item of trash) {
		const origin = item.metadata?.['sys:restore_uri'];
		if (!origin) continue;
		try {
			byOrigin.set(toUri(stripQuery(origin)), item.path);
		} catch {
			continue;
		}
	}
	return uris.map((uri) => {
		if (parseUri(uri).fileSystem === 'trash') return uri;
		const found = byOrigin.get(uri);
		if (!found) {
			throw new NodeOperationError(this.getNode(), `Nothing in the trash came from ${uri}`, {
				itemIndex: i,
				description: 'Check the original path, or list cloudreve://trash with File → List and pass the item\'s trash URI.',
			});
		}
		return found;
	});
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uris = await toTrashUris.call(this, client, await readUriList(this, client, 'file', i), i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const outcome = await runBatch(client, { method: 'POST', path: '/file/restore', body: { uris }, itemIndex: i }, uris, options.continueOnPartialFailure === true);
	const json: IDataObject = { success: outcome.failed.length === 0, restored: outcome.succeeded };
	if (outcome.failed.length) json.failed = outcome.failed;
	return { json };
}
