import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createFile } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { joinUri } from '../../../shared/uri';
import { simplifyOption } from '../common.descriptions';

// File → Create makes an empty file (POST /file/create). Content from text or a binary property belongs to the
// upload code, which extends this operation.
const show = { resource: ['file'], operation: ['create'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'parentFolder',
		displayName: 'Parent Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'Where to create the file; missing folders on the way are created',
		displayOptions: { show },
	}),
	{
		displayName: 'File Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'notes.txt',
		description: 'The name of the new, empty file. Use a/b/notes.txt to create it in new subfolders.',
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
				description: 'Whether to fail when a file with that name exists (otherwise the existing file is returned unchanged)',
			},
			simplifyOption(),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const parent = await readLocatorUri(this, client, 'parentFolder', i);
	const segments = String(this.getNodeParameter('name', i)).split('/').filter((s) => s !== '');
	if (segments.length === 0) {
		throw new NodeOperationError(this.getNode(), 'File Name is empty', { itemIndex: i, description: 'Enter the name of the file to create, such as notes.txt.' });
	}
	const uri = segments.reduce((acc, segment) => joinUri(acc, segment), parent);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const file = await createFile(client, uri, 'file', { errOnConflict: options.errorIfExists === true, itemIndex: i });
	return { json: fileOutput(file, options.simplify !== false) };
}
