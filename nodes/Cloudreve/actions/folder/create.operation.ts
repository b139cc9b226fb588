import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createFile } from '../../../shared/api/files';
import { readLocatorUri, locatorProperty } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { joinUri } from '../../../shared/uri';
import { simplifyOption } from '../common.descriptions';

const show = { resource: ['folder'], operation: ['create'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'parentFolder',
		displayName: 'Parent Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'Where to create the folder',
		displayOptions: { show },
	}),
	{
		displayName: 'Folder Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Reports',
		description: 'The name of the new folder. Use a/b/c to create nested folders at once.',
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
			{
				displayName: 'Error If Exists',
				name: 'errorIfExists',
				type: 'boolean',
				default: false,
				description: 'Whether to fail when the folder already exists (otherwise the existing folder is returned)',
			},
			simplifyOption(),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const parent = await readLocatorUri(this, client, 'parentFolder', i);
	const name = (this.getNodeParameter('name', i) as string).trim();
	const segments = name.split('/').filter(Boolean);
	if (segments.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Folder Name is empty', { itemIndex: i, description: 'Enter the name of the folder to create.' });
	}
	const uri = segments.reduce((acc, segment) => joinUri(acc, segment), parent);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const folder = await createFile(client, uri, 'folder', { errOnConflict: options.errorIfExists === true, itemIndex: i });
	return { json: fileOutput(folder, options.simplify !== false) };
}
