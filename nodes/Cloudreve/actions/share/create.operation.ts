import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createShare, parseShareUrl, type ShareCreateService } from '../../../shared/api/shares';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['share'], operation: ['create'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'source',
		displayName: 'File or Folder',
		target: 'any',
		description: 'The file or folder in your drive to share (not the root folder)',
		displayOptions: { show },
	}),
	{
		displayName: 'Password',
		name: 'passwordMode',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None (Public Link)', value: 'none', description: 'Anyone with the link can open it' },
			{ name: 'Generate', value: 'generate', description: 'Cloudreve generates a random 8-character password' },
			{ name: 'Set', value: 'set', description: 'Use the password given below' },
		],
		description: 'Whether visitors need a password. The password cannot be changed later (delete and create the share again).',
		displayOptions: { show },
	},
	{
		displayName: 'Share Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'Up to 32 letters and digits',
		displayOptions: { show: { ...show, passwordMode: ['set'] } },
	},
	{
		displayName: 'Expires',
		name: 'expiry',
		type: 'options',
		default: 'never',
		options: [
			{ name: 'Never', value: 'never' },
			{ name: 'At a Date', value: 'date' },
			{ name: 'After a Number of Seconds', value: 'seconds' },
		],
		description: 'When the link stops working',
		displayOptions: { show },
	},
	{
		displayName: 'Expiry Date',
		name: 'expireAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The link expires at this moment (must be in the future)',
		displayOptions: { show: { ...show, expiry: ['date'] } },
	},
	{
		displayName: 'Expire After (Seconds)',
		name: 'expireSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		required: true,
		default: 86400,
		description: 'The link expires this many seconds after it is created (86400 = one day)',
		displayOptions: { show: { ...show, expiry: ['seconds'] } },
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
				displayName: 'Downloads Limit',
				name: 'downloads',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The link expires after this many downloads; 0 means unlimited',
			},
			{
				displayName: 'Share View Settings',
				name: 'shareView',
				type: 'boolean',
				default: false,
				description: 'Whether visitors see the folder with your saved explorer view (layout, sorting)',
			},
			{
				displayName: 'Show README',
				name: 'showReadme',
				type: 'boolean',
				default: false,
				description: 'Whether the web page of a shared folder shows its README file automatically',
			},
		],
	},
	{
		displayName:
			'Cloudreve v4 has no "allow preview" switch: visitors of a share can always preview what they can download. Limit downloads or set an expiry instead.',
		name: 'previewNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'source', i);
	const passwordMode = this.getNodeParameter('passwordMode', i, 'none') as 'none' | 'generate' | 'set';
	const expiry = this.getNodeParameter('expiry', i, 'never') as 'never' | 'date' | 'seconds';
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const body: ShareCreateService = { uri, is_private: passwordMode !== 'none' };
	if (passwordMode === 'set') {
		const password = String(this.getNodeParameter('password', i, ''));
		if (!/^[A-Za-z0-9]{1,32}$/.test(password)) {
			throw new NodeOperationError(this.getNode(), 'Share Password must be 1–32 letters or digits', {
				itemIndex: i,
				description: 'Cloudreve accepts only alphanumeric share passwords. Choose "Generate" to let Cloudreve pick one.',
			});
		}
		body.password = password;
	}
	body.expire = expireSeconds(this, i, expiry);
	const downloads = Number(options.downloads ?? 0);
	if (!Number.isInteger(downloads) || downloads < 0) {
		throw new NodeOperationError(this.getNode(), 'Downloads Limit must be a whole number of 0 or more', { itemIndex: i });
	}
	body.downloads = downloads;
	body.share_view = options.shareView === true;
	body.show_readme = options.showReadme === true;

	const url = await createShare(client, body, i);
	const parsed = parseShareUrl(url);
	const json: IDataObject = { url, id: parsed?.id ?? '', source: uri };
	if (body.is_private) json.password = parsed?.password ?? body.password ?? '';
	if (body.expire) json.expires = new Date(Date.now() + body.expire * 1000).toISOString();
	if (downloads > 0) json.downloadsLimit = downloads;
	return { json };
}

/** Seconds from now until expiry (0 = never), from either a date or a number of seconds. */
export function expireSeconds(ctx: IExecuteFunctions, i: number, expiry: 'never' | 'date' | 'seconds'): number {
	if (expiry === 'seconds') {
		const seconds = Number(ctx.getNodeParameter('expireSeconds', i, 0));
		if (!Number.isFinite(seconds) || seconds < 1) {
			throw new NodeOperationError(ctx.getNode(), 'Expire After must be at least 1 second', { itemIndex: i });
		}
		return Math.round(seconds);
	}
	if (expiry === 'date') {
		const value = ctx.getNodeParameter('expireAt', i, '') as string;
		const at = Date.parse(String(value));
		if (Number.isNaN(at)) {
			throw new NodeOperationError(ctx.getNode(), `Expiry Date "${value}" is not a date`, {
				itemIndex: i,
				description: 'Use an ISO date such as 2026-12-31T23:59:00Z.',
			});
		}
		const seconds = Math.ceil((at - Date.now()) / 1000);
		if (seconds < 1) {
			throw new NodeOperationError(ctx.getNode(), 'Expiry Date is in the past', { itemIndex: i, description: `Got ${new Date(at).toISOString()}.` });
		}
		return seconds;
	}
	return 0;
}
