import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createDavAccount } from '../../../shared/api/dav';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { accountOptions, accountOutput } from './common';

const show = { resource: ['dav'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Laptop backup',
		description: 'A label for the account, 1–255 characters',
		displayOptions: { show },
	},
	locatorProperty({
		name: 'root',
		displayName: 'Root Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder the WebDAV client sees as its root (in your drive, or a share URI)',
		displayOptions: { show },
	}),
	{
		displayName:
			'The output contains the generated WebDAV password. Cloudreve shows it in full only here: store it safely (e.g. in an n8n credential), and restrict who can see this workflow\'s executions.',
		name: 'passwordNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: accountOptions,
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const name = String(this.getNodeParameter('name', i, '')).trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Name is empty', { itemIndex: i });
	const uri = await readLocatorUri(this, client, 'root', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const account = await createDavAccount(
		client,
		{
			uri,
			name,
			readonly: options.readonly === true,
			proxy: options.proxy === true,
			disable_sys_files: options.disableSysFiles === true,
		},
		i,
	);
	return { json: accountOutput(account, client.siteUrl, true) };
}
