// Shared parameters and output of the WebDAV account operations.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { davOptions, type DavAccount } from '../../../shared/api/dav';

export function accountIdProperty(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9Xc1',
		description: 'The ID of the WebDAV account (see WebDAV Account → Get Many)',
		displayOptions: { show },
	};
}

export const accountOptions: INodeProperties[] = [
	{
		displayName: 'Hide System Files',
		name: 'disableSysFiles',
		type: 'boolean',
		default: false,
		description: 'Whether WebDAV uploads of names starting with a dot (.DS_Store, ._*) are refused',
	},
	{
		displayName: 'Proxy Downloads',
		name: 'proxy',
		type: 'boolean',
		default: false,
		description: 'Whether downloads are relayed through Cloudreve instead of redirecting to the storage (only if your group may do this)',
	},
	{
		displayName: 'Read Only',
		name: 'readonly',
		type: 'boolean',
		default: false,
		description: 'Whether the account can only read (no upload, delete, move or lock)',
	},
];

/** The account with its option bits spelled out; `password` only when `withPassword` (creation). */
export function accountOutput(account: DavAccount, siteUrl: string, withPassword: boolean): IDataObject {
	const { password, ...rest } = account;
	const out: IDataObject = { ...rest, ...davOptions(account.options), davUrl: `${siteUrl}/dav/` };
	if (withPassword) out.password = password;
	return out;
}
