// Move and Copy share one request (POST /file/move, cloudreve-api.md §2.6): many sources into one folder.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { lockPolicyOption, withLockPolicy } from '../../../shared/api/locks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { joinUri, parseUri, uriName, uriPath } from '../../../shared/uri';
import { additionalItemsOption, continueOnPartialFailureOption, lockPolicyOf, readUriList, runBatch } from './batch';

export function moveCopyDescription(operation: 'move' | 'copy'): INodeProperties[] {
	const show = { resource: ['file'], operation: [operation] };
	const verb = operation === 'move' ? 'move' : 'copy';
	return [
		locatorProperty({
			name: 'file',
			displayName: 'File or Folder',
			target: 'any',
			description: `The file or folder to ${verb}. Add more under Options → Additional Files or Folders.`,
			displayOptions: { show },
		}),
		locatorProperty({
			name: 'destination',
			displayName: 'Destination Folder',
			target: 'folder',
			defaultPath: '/',
			description:
				operation === 'move'
					? 'The folder to move the items into; they keep their names. A trash item moved here gets its original name back.'
					: 'The folder to copy the items into; the copies keep their names',
			displayOptions: { show },
		}),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [additionalItemsOption, continueOnPartialFailureOption, lockPolicyOption],
		},
	];
}

/** Where an item lands: trash items return under their original name (kept in `sys:restore_uri`). */
function landingUri(destination: string, source: string): string {
	return parseUri(source).fileSystem === 'trash' ? destination : joinUri(destination, uriName(source));
}

export async function executeMoveCopy(
	this: IExecuteFunctions,
	i: number,
	client: CloudreveClient,
	copy: boolean,
): Promise<INodeExecutionData[]> {
	const uris = await readUriList(this, client, 'file', i);
	const destination = await readLocatorUri(this, client, 'destination', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const allowPartial = options.continueOnPartialFailure === true;
	const outcome = await withLockPolicy(
		client,
		lockPolicyOf(this, i),
		async () => await runBatch(client, { method: 'POST', path: '/file/move', body: { uris, dst: destination, copy }, itemIndex: i }, uris, allowPartial),
		i,
	);
	const failed = outcome.failed.length ? { failed: outcome.failed } : {};
	if (outcome.succeeded.length === 0) return [{ json: { success: false, destination, ...failed } }];
	return outcome.succeeded.map((source) => {
		const uri = landingUri(destination, source);
		const json: IDataObject = { success: true, operation: copy ? 'copy' : 'move', source, uri, destination };
		if (uri !== destination) json.path = uriPath(uri);
		return { json: { ...json, ...failed } };
	});
}
