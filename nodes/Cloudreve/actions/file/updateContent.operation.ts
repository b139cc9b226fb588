import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { lockPolicyOption, withLockPolicy, type LockPolicy } from '../../../shared/api/locks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import { putFileContent } from '../../../shared/transfer/session';
import type { CloudreveClient } from '../../../shared/transport/client';
import { uriName } from '../../../shared/uri';
import { simplifyOption } from '../common.descriptions';
import { contentSourceProperties, readContentSource } from './transfer.descriptions';

const show = { resource: ['file'], operation: ['updateContent'] };

/** Cloudreve's default `maxEditSize` (§2.6): larger content must go through an upload session. */
export const MAX_EDIT_SIZE = 50 * 1024 * 1024;

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File',
		target: 'file',
		description: 'The file whose content to replace; a missing file (and its folders) is created',
		displayOptions: { show },
	}),
	...contentSourceProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			lockPolicyOption,
			{
				displayName: 'Only If Unchanged Since Version',
				name: 'previous',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2Yhx',
				description: 'The version (primary_entity from Get) you edited; the update fails if someone saved a newer version since',
			},
			simplifyOption(),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const source = await readContentSource(this, i, uriName(uri));
	if (source.size > MAX_EDIT_SIZE) {
		throw new NodeOperationError(this.getNode(), `The content is ${source.size} bytes; Update Content takes at most 50 MiB`, {
			itemIndex: i,
			description: 'Use the Upload operation with "If Name Exists: Replace" to overwrite a file with larger content.',
		});
	}
	// At most 50 MiB, so collecting it is bounded; Cloudreve needs the exact Content-Length up front.
	const parts: Buffer[] = [];
	for await (const chunk of source.chunks(0)) parts.push(chunk);
	const content = parts.length === 1 ? parts[0] : Buffer.concat(parts);
	const previous = (options.previous as string | undefined)?.trim() || undefined;
	const policy = (options.ifLocked as LockPolicy | undefined) ?? 'fail';
	const file = await withLockPolicy(client, policy, async () => await putFileContent(client, uri, content, { previous, itemIndex: i }), i);
	return { json: fileOutput(file, options.simplify !== false) };
}
