import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lockPolicyOption, withLockPolicy } from '../../../shared/api/locks';
import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { parseUri } from '../../../shared/uri';
import { additionalItemsOption, continueOnPartialFailureOption, lockPolicyOf, readUriList, runBatch } from './batch';

const show = { resource: ['file'], operation: ['delete'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File or Folder',
		target: 'any',
		description: 'The file or folder to delete. Items in the trash (cloudreve://trash/...) are always deleted permanently.',
		displayOptions: { show },
	}),
	{
		displayName: 'Delete Permanently',
		name: 'permanently',
		type: 'boolean',
		default: false,
		description: 'Whether to delete for good and free the space, instead of moving the items to the trash (where they can be restored until the trash is emptied)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			additionalItemsOption,
			continueOnPartialFailureOption,
			lockPolicyOption,
			{
				displayName: 'Keep Stored Blobs (Unlink)',
				name: 'unlink',
				type: 'boolean',
				default: false,
				description:
					'Whether to remove only the file records and leave the bytes in the storage backend. Needs Delete Permanently and the "advance delete" group permission (administrators by default).',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uris = await readUriList(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	// Items already in the trash can only be deleted permanently (§2.6 Delete file; the web client does the same).
	const permanently = (this.getNodeParameter('permanently', i) as boolean) || uris.every((u) => parseUri(u).fileSystem === 'trash');
	if (options.unlink === true && !permanently) {
		throw new NodeOperationError(this.getNode(), 'Keep Stored Blobs (Unlink) needs Delete Permanently', {
			itemIndex: i,
			description: 'Turn on Delete Permanently, or switch off Keep Stored Blobs to move the items to the trash.',
		});
	}
	const body: IDataObject = { uris };
	if (permanently) body.skip_soft_delete = true;
	if (options.unlink === true) body.unlink = true;
	const outcome = await withLockPolicy(
		client,
		lockPolicyOf(this, i),
		async () => await runBatch(client, { method: 'DELETE', path: '/file', body, itemIndex: i }, uris, options.continueOnPartialFailure === true),
		i,
	);
	const json: IDataObject = { success: outcome.failed.length === 0, deleted: outcome.succeeded, permanently };
	if (outcome.failed.length) json.failed = outcome.failed;
	return { json };
}
