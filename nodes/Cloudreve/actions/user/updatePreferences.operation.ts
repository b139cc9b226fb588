import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getPreferences, updatePreferences, type UserSettingPatch } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['updatePreferences'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change',
		displayOptions: { show },
		options: [
			{
				displayName: 'Current Password',
				name: 'currentPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Needed together with New Password. Changing the password signs out every other session.',
			},
			{
				displayName: 'Disable View Sync',
				name: 'disableViewSync',
				type: 'boolean',
				default: false,
				description: 'Whether to stop saving explorer view settings on the server',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en-US',
				description: 'Language of the e-mails Cloudreve sends',
			},
			{
				displayName: 'New Password',
				name: 'newPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: '6–128 characters; needs Current Password. Update the n8n credential afterwards.',
			},
			{ displayName: 'Nickname', name: 'nick', type: 'string', default: '', description: 'Display name, 1–255 characters' },
			{
				displayName: 'Preferred Theme Color',
				name: 'preferredTheme',
				type: 'color',
				default: '#1976d2',
				description: 'Colour of the web interface',
			},
			{
				displayName: 'Shares on Profile',
				name: 'shareLinksInProfile',
				type: 'options',
				default: '',
				options: [
					{ name: 'All Shares', value: 'all_share' },
					{ name: 'Hide All', value: 'hide_share' },
					{ name: 'Only Shares Without Password', value: '' },
				],
				description: 'Which of your shares others see on your profile (Share → Get Many of a User)',
			},
			{
				displayName: 'Two-Factor Authentication',
				name: 'twoFactor',
				type: 'options',
				default: 'enable',
				options: [
					{ name: 'Enable', value: 'enable', description: 'Confirm the secret from User → Prepare Two-Factor with a current code' },
					{ name: 'Disable', value: 'disable', description: 'Turn two-factor sign-in off with a current code' },
				],
				description: 'Turn two-factor sign-in on or off; needs Two-Factor Code',
			},
			{
				displayName: 'Two-Factor Code',
				name: 'twoFactorCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123456',
				description: 'A current 6-digit code: of the new secret to enable, of the current secret to disable',
			},
			{
				displayName: 'Version Retention',
				name: 'versionRetentionEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether overwriting a file keeps its previous versions',
			},
			{
				displayName: 'Version Retention Extensions',
				name: 'versionRetentionExt',
				type: 'string',
				default: '',
				placeholder: 'e.g. docx, xlsx',
				description: 'Extensions whose versions are kept, separated by commas; empty keeps versions of every file',
			},
			{
				displayName: 'Version Retention Max',
				name: 'versionRetentionMax',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'How many versions to keep; 0 means unlimited',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const f = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const patch: UserSettingPatch = {};
	if (f.nick !== undefined) patch.nick = String(f.nick);
	if (f.language !== undefined) patch.language = String(f.language);
	if (f.preferredTheme !== undefined) patch.preferred_theme = String(f.preferredTheme);
	if (f.versionRetentionEnabled !== undefined) patch.version_retention_enabled = f.versionRetentionEnabled === true;
	if (f.versionRetentionExt !== undefined) {
		patch.version_retention_ext = String(f.versionRetentionExt)
			.split(/[\s,]+/)
			.map((e) => e.trim().replace(/^\./, ''))
			.filter(Boolean);
	}
	if (f.versionRetentionMax !== undefined) patch.version_retention_max = Number(f.versionRetentionMax);
	if (f.disableViewSync !== undefined) patch.disable_view_sync = f.disableViewSync === true;
	if (f.shareLinksInProfile !== undefined) patch.share_links_in_profile = String(f.shareLinksInProfile);
	const hasCurrent = f.currentPassword !== undefined && f.currentPassword !== '';
	const hasNew = f.newPassword !== undefined && f.newPassword !== '';
	if (hasCurrent !== hasNew) {
		throw new NodeOperationError(this.getNode(), 'Current Password and New Password go together', {
			itemIndex: i,
			description: 'Add both fields to change the password.',
		});
	}
	if (hasCurrent) {
		patch.current_password = String(f.currentPassword);
		patch.new_password = String(f.newPassword);
	}
	if (f.twoFactor !== undefined) {
		const code = String(f.twoFactorCode ?? '').trim();
		if (!/^\d{6}$/.test(code)) {
			throw new NodeOperationError(this.getNode(), 'Two-Factor Code must be the current 6-digit code', { itemIndex: i });
		}
		patch.two_fa_enabled = f.twoFactor === 'enable';
		patch.two_fa_code = code;
	}
	if (Object.keys(patch).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', { itemIndex: i, description: 'Add at least one field under Update Fields.' });
	}
	await updatePreferences(client, patch, i);
	return { json: { ...(await getPreferences(client, i)), updated: Object.keys(patch).filter((k) => !/password|code/.test(k)) } };
}
