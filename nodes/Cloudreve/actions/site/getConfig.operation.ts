import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getSiteConfig } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['site'], operation: ['getConfig'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Section',
		name: 'section',
		type: 'options',
		default: 'basic',
		options: [
			{ name: 'App', value: 'app', description: 'Mobile and desktop app promotion' },
			{ name: 'Basic', value: 'basic', description: 'Title, themes, logo, captcha type, and the calling user' },
			{ name: 'Emojis', value: 'emojis', description: 'Emoji preset for file icons' },
			{ name: 'Explorer', value: 'explorer', description: 'Batch size, file viewers, thumbnails, custom properties, full-text search' },
			{ name: 'Login', value: 'login', description: 'Which captchas are required, whether sign-up and passkeys are enabled' },
			{ name: 'Thumbnails', value: 'thumb', description: 'File extensions that get thumbnails' },
			{ name: 'VAS [Pro]', value: 'vas', description: 'Payment and value-added service settings (Cloudreve Pro)' },
		],
		description: 'Which group of public site settings to get',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const section = this.getNodeParameter('section', i, 'basic') as string;
	return { json: { section, ...(await getSiteConfig(client, section, i)) } };
}
