import { jpeg, pin, urls, video, type Case } from './openapi-cases'
import { JPEG_B64, PNG_B64 } from './test-helpers'

/** Bodies the schema or Pinterest refuses, and those of the other endpoints the app calls. */
export const REFUSED: Case[] = [
  // POST /pins — invalid per the schema.
  {
    name: 'title of 101',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { title: 't'.repeat(101) }),
  },
  {
    name: 'description of 801',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { description: 'd'.repeat(801) }),
  },
  {
    name: 'link of 2049',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { link: `https://e.com/${'l'.repeat(2035)}` }),
  },
  {
    name: 'alt_text of 501',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { alt_text: 'a'.repeat(501) }),
  },
  {
    name: 'board_id not digits',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { board_id: 'board-1' }),
  },
  {
    name: 'board_id null (not nullable)',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { board_id: null }),
  },
  { name: 'title a number', endpoint: 'POST /pins', spec: 'invalid', body: (ids) => pin(ids, { title: 42 }) },
  {
    name: 'content_type image/gif',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, content_type: 'image/gif' } }),
  },
  {
    name: 'data with a data: prefix',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, data: `data:image/jpeg;base64,${JPEG_B64}` } }),
  },
  {
    name: 'image_base64 without data',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_base64', content_type: 'image/jpeg' } }),
  },
  {
    name: 'image_base64 without content_type',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_base64', data: JPEG_B64 } }),
  },
  {
    name: 'source_type video_url (not in the discriminator)',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'video_url', url: 'https://e.com/v.mp4' } }),
  },
  {
    name: 'media_source without source_type',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { url: 'https://e.com/a.jpg' } }),
  },
  {
    name: 'image_url with a numeric url',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_url', url: 7 } }),
  },
  {
    name: 'carousel of 1',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(1) } }),
  },
  {
    name: 'carousel of 6',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(6) } }),
  },
  {
    name: 'carousel index -1',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) =>
      pin(ids, { media_source: { source_type: 'multiple_image_urls', items: urls(2), index: -1 } }),
  },
  {
    name: 'carousel item without url',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'multiple_image_urls',
          items: [{ url: 'https://e.com/1.jpg' }, { title: 'no url' }],
        },
      }),
  },
  {
    name: 'video media_id not digits',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => video(ids, { media_id: 'vid-1', cover_image_key_frame_time: 1 }),
  },
  {
    name: 'video key frame 1.5 s',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => video(ids, { cover_image_key_frame_time: 1.5 }),
  },
  {
    name: 'is_standard as a string',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, is_standard: 'yes' } }),
  },
  {
    name: 'media_source a string',
    endpoint: 'POST /pins',
    spec: 'invalid',
    body: (ids) => pin(ids, { media_source: 'image_base64' }),
  },
  { name: 'body an array', endpoint: 'POST /pins', spec: 'invalid', body: (ids) => [pin(ids)] },
  // POST /pins — the schema accepts, Pinterest (and the fake) refuse.
  {
    name: 'no board_id',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: () => ({ media_source: jpeg }),
    stricter: 'board_id is "required in practice; not marked required in schema" (pinterest-api.md §3.1)',
  },
  {
    name: 'ad_account_id without is_removable and no board_id',
    endpoint: 'POST /pins?ad',
    spec: 'valid',
    body: () => ({ media_source: jpeg }),
    stricter: 'an ad-only Pin is is_removable: true with no board (pinterest-api.md §3.1a)',
  },
  {
    name: 'carousel item link that is not a URL',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, {
        media_source: {
          source_type: 'multiple_image_base64',
          items: [
            { content_type: 'image/jpeg', data: JPEG_B64, link: 'my shop' },
            { content_type: 'image/png', data: PNG_B64 },
          ],
        },
      }),
    stricter: "a carousel image's link is a destination URL like the Pin's (pinterest-api.md §3.1, §3.2)",
  },
  {
    name: 'no media_source',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => ({ board_id: ids.board, title: 'no image' }),
    stricter: 'a Pin needs media; the schema marks nothing required (pinterest-api.md §3.2)',
  },
  {
    name: 'base64 bytes that are not an image',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) =>
      pin(ids, { media_source: { ...jpeg, data: Buffer.from('plain text').toString('base64') } }),
    stricter:
      'only JPEG and PNG are accepted (pinterest-api.md §3.3): the bytes are checked, not just the declared type',
  },
  {
    name: 'PNG bytes declared image/jpeg',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { ...jpeg, data: PNG_B64 } }),
    stricter: 'declared content_type must match the bytes (magic-number check)',
  },
  {
    name: 'link that is not a URL',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { link: 'see my site' }),
    stricter: 'link is a destination URL (pinterest-api.md §3.1); the schema only bounds its length',
  },
  {
    name: 'image_url with a file: URL',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'image_url', url: 'file:///tmp/a.jpg' } }),
    stricter: 'image_url must be publicly fetchable by Pinterest (pinterest-api.md §3.3)',
  },
  {
    name: 'video without any cover',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => video(ids),
    stricter: 'third parties report 400 without a cover (pinterest-api.md §3.2)',
  },
  {
    name: 'pin_url',
    endpoint: 'POST /pins',
    spec: 'valid',
    body: (ids) => pin(ids, { media_source: { source_type: 'pin_url', is_affiliate_link: false } }),
    stricter: 'pin_url is "product Pins, beta users only" (pinterest-api.md §3.2)',
  },
  // POST /boards
  { name: 'board with name only', endpoint: 'POST /boards', spec: 'valid', body: () => ({ name: 'Trips' }) },
  {
    name: 'secret board with null description',
    endpoint: 'POST /boards',
    spec: 'valid',
    body: () => ({ name: 'Hidden', description: null, privacy: 'SECRET' }),
  },
  {
    name: 'ads-only board',
    endpoint: 'POST /boards',
    spec: 'valid',
    body: () => ({ name: 'x', is_ads_only: true }),
  },
  {
    name: 'board without name',
    endpoint: 'POST /boards',
    spec: 'invalid',
    body: () => ({ description: 'no name' }),
  },
  {
    name: 'board privacy FRIENDS',
    endpoint: 'POST /boards',
    spec: 'invalid',
    body: () => ({ name: 'x', privacy: 'FRIENDS' }),
  },
  {
    name: 'board is_ads_only "yes"',
    endpoint: 'POST /boards',
    spec: 'invalid',
    body: () => ({ name: 'x', is_ads_only: 'yes' }),
  },
  { name: 'board name a number', endpoint: 'POST /boards', spec: 'invalid', body: () => ({ name: 12 }) },
  {
    name: 'board with an empty name',
    endpoint: 'POST /boards',
    spec: 'valid',
    body: () => ({ name: '' }),
    stricter: 'a board needs a visible name; the web UI and API refuse a blank one (schema has no minLength)',
  },
  // POST /boards/{id}/sections
  { name: 'section name', endpoint: 'POST /sections', spec: 'valid', body: () => ({ name: 'Mountains' }) },
  {
    name: 'section name of 180',
    endpoint: 'POST /sections',
    spec: 'valid',
    body: () => ({ name: 's'.repeat(180) }),
  },
  { name: 'section name empty', endpoint: 'POST /sections', spec: 'invalid', body: () => ({ name: '' }) },
  {
    name: 'section name of 181',
    endpoint: 'POST /sections',
    spec: 'invalid',
    body: () => ({ name: 's'.repeat(181) }),
  },
  { name: 'section without name', endpoint: 'POST /sections', spec: 'invalid', body: () => ({}) },
  // POST /media
  { name: 'media video', endpoint: 'POST /media', spec: 'valid', body: () => ({ media_type: 'video' }) },
  { name: 'media image', endpoint: 'POST /media', spec: 'invalid', body: () => ({ media_type: 'image' }) },
  { name: 'media without media_type', endpoint: 'POST /media', spec: 'invalid', body: () => ({}) },
  // POST /oauth/token (form fields)
  {
    name: 'refresh grant',
    endpoint: 'POST /oauth/token',
    spec: 'valid',
    body: (ids) => ({ grant_type: 'refresh_token', refresh_token: ids.refresh }),
  },
  {
    name: 'code grant with continuous_refresh',
    endpoint: 'POST /oauth/token',
    spec: 'valid',
    body: (ids) => ({
      grant_type: 'authorization_code',
      code: ids.code,
      redirect_uri: 'http://localhost:8085/',
      continuous_refresh: 'true',
    }),
  },
  {
    name: 'token request without grant_type',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: (ids) => ({ refresh_token: ids.refresh }),
  },
  {
    name: 'grant_type password',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: () => ({ grant_type: 'password', username: 'u' }),
  },
  {
    name: 'refresh grant without refresh_token',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: () => ({ grant_type: 'refresh_token' }),
  },
  {
    name: 'code grant without redirect_uri',
    endpoint: 'POST /oauth/token',
    spec: 'invalid',
    body: (ids) => ({ grant_type: 'authorization_code', code: ids.code }),
  },
]
