import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { createItem, createOptions } from '../createItem';

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
	createOptions(show, 'Whether to fail when a file with that name exists (otherwise the existing file is returned unchanged)'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	return await createItem(this, i, client, 'file', 'notes.txt');
}
