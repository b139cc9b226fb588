import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pinFile } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['file'], operation: ['pin'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File or Folder',
		target: 'any',
		description: 'What to pin to the sidebar of the Cloudreve web client. A search URI (cloudreve://my?name=*.pdf) works too.',
		displayOptions: { show },
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Label', name: 'name', type: 'string', default: '', description: 'The name shown in the sidebar; default: the item name' },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const name = String(options.name ?? '').trim() || undefined;
	await pinFile(client, uri, name, i);
	return { json: { success: true, pinned: uri, ...(name ? { name } : {}) } };
}
