import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { locatorProperty } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { createItem, createOptions } from '../createItem';

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
	createOptions(show, 'Whether to fail when the folder already exists (otherwise the existing folder is returned)'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	return await createItem(this, i, client, 'folder', 'Reports');
}
