import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { davOptions, listDavAccounts, updateDavAccount } from '../../../shared/api/dav';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { accountIdProperty, accountOptions, accountOutput } from './common';

const show = { resource: ['dav'], operation: ['update'] };

export const description: INodeProperties[] = [
	accountIdProperty(show),
	{
		displayName: 'Change Root Folder',
		name: 'changeRoot',
		type: 'boolean',
		default: false,
		description: 'Whether to point the account at another folder',
		displayOptions: { show },
	},
	locatorProperty({
		name: 'root',
		displayName: 'Root Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The new folder the WebDAV client sees as its root',
		displayOptions: { show: { ...show, changeRoot: [true] } },
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields not added keep their current value. The password never changes.',
		displayOptions: { show },
		options: [{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New label, 1–255 characters' }, ...accountOptions],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = String(this.getNodeParameter('accountId', i, '')).trim();
	if (!id) throw new NodeOperationError(this.getNode(), 'Account ID is empty', { itemIndex: i });
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	// PATCH replaces name, root and options together: start from the account as it is.
	const current = (await listDavAccounts(client, { returnAll: true, pageSize: 100 }, i)).find((a) => a.id === id);
	if (!current) {
		throw new NodeOperationError(this.getNode(), `WebDAV account ${id} not found`, {
			itemIndex: i,
			description: 'Use WebDAV Account → Get Many to see the IDs of your accounts.',
		});
	}
	const flags = davOptions(current.options);
	const uri = this.getNodeParameter('changeRoot', i, false) ? await readLocatorUri(this, client, 'root', i) : current.uri;
	const updated = await updateDavAccount(
		client,
		id,
		{
			uri,
			name: fields.name !== undefined && fields.name !== '' ? String(fields.name) : current.name,
			readonly: fields.readonly !== undefined ? fields.readonly === true : flags.readonly,
			proxy: fields.proxy !== undefined ? fields.proxy === true : flags.proxy,
			disable_sys_files: fields.disableSysFiles !== undefined ? fields.disableSysFiles === true : flags.disable_sys_files,
		},
		i,
	);
	return { json: accountOutput(updated, client.siteUrl, false) };
}
