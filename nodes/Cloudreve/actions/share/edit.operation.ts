import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { editShare, getShareInfo, type ShareCreateService } from '../../../shared/api/shares';
import { toNodeError } from '../../../shared/errors';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readShareId, shareIdProperty, shareOutput } from './common';

const show = { resource: ['share'], operation: ['edit'] };

export const description: INodeProperties[] = [
	shareIdProperty(show, 'The share to change: its ID or its link. It must be one of your own shares.'),
	{
		displayName:
			'Cloudreve can change only the downloads limit, the expiry, the view settings and the README display of a share. Its password and whether it needs one cannot be changed: delete the share and create it again.',
		name: 'editNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields not added keep their current value',
		displayOptions: { show },
		options: [
			{
				displayName: 'Downloads Limit',
				name: 'downloads',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Downloads left before the link expires; 0 removes the limit',
			},
			{
				displayName: 'Expire After (Seconds)',
				name: 'expireSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 86400,
				description: 'The link expires this many seconds from now; 0 removes the expiry',
			},
			{
				displayName: 'Expiry Date',
				name: 'expireAt',
				type: 'dateTime',
				default: '',
				description: 'The link expires at this moment (must be in the future)',
			},
			{
				displayName: 'Share View Settings',
				name: 'shareView',
				type: 'boolean',
				default: false,
				description: 'Whether visitors see the folder with your saved explorer view',
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
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const { id } = readShareId(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	// Edit replaces every editable field and needs the shared file's URI: read both from the share itself.
	let current;
	try {
		current = await getShareInfo(client, id, { ownerExtended: true }, i);
	} catch (error) {
		if ((error as { cloudreveCode?: number }).cloudreveCode !== 404) throw toNodeError(this.getNode(), error, i);
		throw new NodeOperationError(this.getNode(), `Share ${id} does not exist or has expired`, {
			itemIndex: i,
			description:
				'Cloudreve does not give out an expired share\'s details, which editing needs. Delete it (Share → Delete) and create a new one.',
		});
	}
	if (!current.source_uri) {
		throw new NodeOperationError(this.getNode(), `Share ${id} is not one of your shares`, {
			itemIndex: i,
			description: 'Only the owner of a share can edit it.',
		});
	}
	const body: ShareCreateService = {
		uri: current.source_uri,
		is_private: current.is_private === true,
		downloads: current.remain_downloads ?? 0,
		expire: current.expires ? Math.max(1, Math.ceil((Date.parse(current.expires) - Date.now()) / 1000)) : 0,
		share_view: current.share_view === true,
		show_readme: current.show_readme === true,
	};
	if (fields.downloads !== undefined) {
		const downloads = Number(fields.downloads);
		if (!Number.isInteger(downloads) || downloads < 0) {
			throw new NodeOperationError(this.getNode(), 'Downloads Limit must be a whole number of 0 or more', { itemIndex: i });
		}
		body.downloads = downloads;
	}
	if (fields.expireAt !== undefined && fields.expireAt !== '' && fields.expireSeconds !== undefined) {
		throw new NodeOperationError(this.getNode(), 'Set either Expiry Date or Expire After, not both', { itemIndex: i });
	}
	if (fields.expireSeconds !== undefined) {
		const seconds = Number(fields.expireSeconds);
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw new NodeOperationError(this.getNode(), 'Expire After must be 0 or more seconds', { itemIndex: i });
		}
		body.expire = Math.round(seconds);
	}
	if (fields.expireAt !== undefined && fields.expireAt !== '') {
		const at = Date.parse(String(fields.expireAt));
		const seconds = Math.ceil((at - Date.now()) / 1000);
		if (Number.isNaN(at) || seconds < 1) {
			throw new NodeOperationError(this.getNode(), `Expiry Date "${String(fields.expireAt)}" is not a future date`, { itemIndex: i });
		}
		body.expire = seconds;
	}
	if (fields.shareView !== undefined) body.share_view = fields.shareView === true;
	if (fields.showReadme !== undefined) body.show_readme = fields.showReadme === true;

	const url = await editShare(client, id, body, i);
	const updated = await getShareInfo(client, id, { ownerExtended: true }, i);
	return { json: { ...shareOutput(updated), url } };
}
