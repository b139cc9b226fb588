import { randomUUID } from 'node:crypto';
import { captchaPng, newCaptchaAnswer } from '../captcha';
import type { Ctx } from '../context';
import type { Router } from '../router';
import { anonymousUserJson, userJson } from '../serialize';

// §2.1 Site.

const THEMES = JSON.stringify({
	'#1976d2': { light: { palette: { primary: { main: '#1976d2' }, secondary: { main: '#9c27b0' } } }, dark: { palette: { primary: { main: '#90caf9' }, secondary: { main: '#ce93d8' } } } },
});

export const VIEWERS = [
	{
		viewers: [
			{ id: 'music', type: 'builtin', display_name: 'fileManager.musicPlayer', exts: ['mp3', 'ogg', 'wav', 'flac', 'm4a'] },
			{ id: 'epub', type: 'builtin', display_name: 'fileManager.epubViewer', exts: ['epub'] },
			{ id: 'pdf', type: 'builtin', display_name: 'fileManager.pdfViewer', exts: ['pdf'] },
			{ id: 'image', type: 'builtin', display_name: 'fileManager.imageViewer', exts: ['bmp', 'png', 'gif', 'jpg', 'jpeg', 'svg', 'webp', 'heic', 'heif'] },
			{ id: 'video', type: 'builtin', display_name: 'Artplayer', exts: ['mp4', 'mkv', 'webm', 'avi', 'mov', 'm3u8', 'flv'] },
			{ id: 'markdown', type: 'builtin', display_name: 'fileManager.markdownEditor', exts: ['md'], templates: [{ ext: 'md', display_name: 'Markdown' }] },
			{ id: 'drawio', type: 'builtin', display_name: 'draw.io', exts: ['drawio', 'dwb'], props: { host: 'https://embed.diagrams.net' }, templates: [{ ext: 'drawio', display_name: 'fileManager.diagram' }] },
			{ id: 'excalidraw', type: 'builtin', display_name: 'Excalidraw', exts: ['excalidraw'], templates: [{ ext: 'excalidraw', display_name: 'Excalidraw' }] },
			{ id: 'archive', type: 'builtin', display_name: 'fileManager.archivePreview', exts: ['zip', '7z'], required_group_permission: [5] },
			{ id: 'monaco', type: 'builtin', display_name: 'fileManager.monacoEditor', exts: ['md', 'txt', 'json', 'php', 'py', 'bat', 'c', 'h', 'cpp', 'hpp', 'cs', 'css', 'dockerfile', 'go', 'html', 'htm', 'ini', 'java', 'js', 'jsx', 'less', 'lua', 'sh', 'sql', 'xml', 'yaml'], templates: [{ ext: 'txt', display_name: 'fileManager.text' }] },
			{ id: 'photopea', type: 'builtin', display_name: 'Photopea', exts: ['psd', 'ai', 'indd', 'xcf', 'xd', 'fig', 'kri', 'clip', 'pxd', 'pxz', 'cdr', 'ufo', 'afphoto', 'svg', 'eps', 'pdf', 'pdn', 'wmf', 'emf', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'icns', 'bmp', 'avif', 'heic', 'jxl', 'ppm', 'pgm', 'pbm', 'tiff', 'dds', 'iff', 'anim', 'tga', 'dng', 'nef', 'cr2', 'cr3', 'arw', 'rw2', 'raf', 'orf', 'gpr', '3fr', 'fff'] },
		],
	},
];

export const CUSTOM_PROPS = [
	{ id: 'description', name: 'fileManager.description', type: 'text', max: 65535, icon: 'fluent:slide-text-24-filled' },
	{ id: 'rating', name: 'fileManager.rating', type: 'rating', max: 5, icon: 'fluent:data-bar-vertical-star-24-filled' },
];

const EMOJIS = JSON.stringify({ '😀': ['😀', '😃', '😄', '😁', '😆', '😅', '🤣', '😂'], '📁': ['📁', '📂', '🗂️', '📄', '📝'] });

function basic(ctx: Ctx): Record<string, unknown> {
	const s = ctx.state.settings;
	const out: Record<string, unknown> = {
		instance_id: ctx.state.siteId,
		title: s.siteTitle,
		themes: THEMES,
		default_theme: '#1976d2',
		user: ctx.user ? userJson(ctx.state, ctx.user) : anonymousUserJson(ctx.state),
		logo: '/static/img/logo.svg',
		logo_light: '/static/img/logo_light.svg',
		captcha_type: s.captchaType,
		app_promotion: true,
	};
	if (s.captchaType === 'turnstile') out.turnstile_site_id = 'test-turnstile-site';
	if (s.captchaType === 'recaptcha') out.captcha_ReCaptchaKey = 'test-recaptcha-key';
	if (s.captchaType === 'cap') {
		out.captcha_cap_instance_url = `${ctx.state.siteUrl}/cap`;
		out.captcha_cap_site_key = 'test-cap-site-key';
	}
	return out;
}

function section(ctx: Ctx): Record<string, unknown> {
	const s = ctx.state.settings;
	switch (ctx.params.section) {
		case 'login': {
			const out: Record<string, unknown> = {};
			if (s.loginCaptcha) out.login_captcha = true;
			if (s.regCaptcha) out.reg_captcha = true;
			if (s.forgetCaptcha) out.forget_captcha = true;
			if (s.authnEnabled) out.authn = true;
			if (s.registerEnabled) out.register_enabled = true;
			return out;
		}
		case 'explorer':
			return {
				max_batch_size: s.maxBatchedFile,
				file_viewers: VIEWERS,
				default_viewer_mapping: {},
				icons: JSON.stringify([{ exts: ['pdf'], icon: '/static/img/viewers/pdf.svg', color: '#F40F02' }]),
				map_provider: 'openstreetmap',
				thumbnail_width: 400,
				thumbnail_height: 300,
				custom_props: CUSTOM_PROPS,
			};
		case 'emojis':
			return { emoji_preset: EMOJIS };
		case 'app':
			return { app_promotion: true };
		case 'thumb':
			return { thumb_exts: ['bmp', 'gif', 'jpeg', 'jpg', 'png', 'webp'] };
		default:
			return basic(ctx);
	}
}

export function registerSiteRoutes(r: Router): void {
	r.route('GET', '/site/ping', (ctx) => (ctx.state.settings.pro ? `${ctx.state.settings.version}-pro` : ctx.state.settings.version));
	r.route('GET', '/site/config/:section', section);
	r.route('GET', '/site/captcha', (ctx) => {
		const answer = newCaptchaAnswer();
		const ticket = randomUUID().replace(/-/g, '').slice(0, 20);
		ctx.state.captchas.set(ticket, answer);
		return { image: `data:image/png;base64,${captchaPng(answer).toString('base64')}`, ticket };
	});
}
