import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getShareInfo } from '../../../shared/api/shares';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readShareId, shareIdProperty, shareOutput } from './common';

const show = { resource: ['share'], operation: ['get'] };

export const description: INodeProperties[] = [
	shareIdProperty(show, 'The share\'s ID or its link. A link that contains the password unlocks the share.'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Count as a View',
				name: 'countViews',
				type: 'boolean',
				default: false,
				description: 'Whether this request increases the share\'s view counter, like a visitor opening the link',
			},
			{
				displayName: 'Include Source (Owner Only)',
				name: 'ownerExtended',
				type: 'boolean',
				default: false,
				description: 'Whether to include the shared item\'s URI in your drive (source_uri); only for your own shares',
			},
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Password of a protected share. With the right password (or as the owner) the answer is "unlocked" and includes expiry, downloads and size; without it only the name and owner are shown.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const { id, password: fromUrl } = readShareId(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const password = String(options.password ?? '') || fromUrl;
	const share = await getShareInfo(
		client,
		id,
		{ password, countViews: options.countViews === true, ownerExtended: options.ownerExtended === true },
		i,
	);
	// Cloudreve answers a wrong password with a locked share, not an error; a caller who gave one wants to know.
	if (password && !share.unlocked) {
		throw new NodeOperationError(this.getNode(), 'Incorrect share password', {
			itemIndex: i,
			description: `Share ${id} is protected and the password given does not match. Leave the password empty to get its public details only.`,
		});
	}
	return { json: shareOutput(share) };
}
