import { QueryTypes } from 'sequelize';
import { ktoContentTypes, toWellFormedText, type AiLang, type Tip } from '@hamgaja/shared';
import { sqlTime } from '../db/bind.js';
import type { Database } from '../db/database.js';
import { notFound } from '../http/problem.js';
import { readDate } from '../trips/membership.js';
import { aiBadAnswer, modelFailure, type Model } from './model.js';
import type { AttractionSource, PlaceFacts } from './places.js';

const TIP_MAX_CHARS = 300;
const OVERVIEW_MAX_CHARS = 1200;

const instructions: Record<AiLang, string> = {
  ko:
    '당신은 한국 여행 전문가입니다. 아래 관광지를 처음 방문하는 사람에게 짧고 구체적인 팁 하나를 한국어로 주세요 ' +
    '(역사, 숨은 명소, 사진 찍기 좋은 시간, 할 일 중 하나). 두 문장 이내, 200자 이내. 인사말, 따옴표, 마크다운 없이 팁만 쓰세요.',
  en:
    'You are an expert on travel in Korea. Give one short, specific tip in English for a first-time visitor to the ' +
    'attraction below (its history, a hidden spot, the best time for photos, or what to do). At most two sentences, ' +
    'under 200 characters. No greeting, no quotes, no markdown: only the tip.',
};

function describe(place: PlaceFacts, lang: AiLang): string {
  const type = ktoContentTypes.find((t) => t.id === place.contentTypeId)?.name[lang] ?? '';
  const overview = place.overview ? [...place.overview].slice(0, OVERVIEW_MAX_CHARS).join('') : '';
  return [
    `Name: ${place.name}`,
    type && `Type: ${type}`,
    place.address && `Address: ${place.address}`,
    overview && `About: ${overview}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Cleans the model's text into one tip, or refuses it. */
export function cleanTip(text: string | null | undefined): string {
  // Well-formed: the tip is stored in a text column and answered as stored.
  const tip = toWellFormedText(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’「『]+|["'“”‘’」』]+$/g, '')
    .trim();
  if (!tip) throw aiBadAnswer('empty tip');
  return [...tip].length > TIP_MAX_CHARS ? `${[...tip].slice(0, TIP_MAX_CHARS - 1).join('')}…` : tip;
}

type TipRow = { tip: string; created_at: unknown };

/** One-line tips per attraction and language, cached for everyone; "another" asks the model again. */
export class Tips {
  constructor(
    private readonly db: Database,
    private readonly places: AttractionSource,
  ) {}

  private async cached(attractionId: string, lang: AiLang): Promise<TipRow | undefined> {
    const [row] = await this.db.sequelize.query<TipRow>(
      'SELECT tip, created_at FROM ai_tips WHERE attraction_id = $attractionId AND lang = $lang',
      { type: QueryTypes.SELECT, bind: { attractionId, lang } },
    );
    return row;
  }

  /** The cached tip, or undefined; 404 when the attraction does not exist. */
  async fromCache(
    attractionId: string,
    lang: AiLang,
  ): Promise<{ place: PlaceFacts; tip: Tip | undefined; previous: string | undefined }> {
    const place = await this.places.attraction(attractionId);
    if (!place) throw notFound('Attraction');
    const row = await this.cached(place.id, lang);
    const tip = row
      ? {
          attractionId: place.id,
          lang,
          tip: row.tip,
          cached: true,
          createdAt: readDate(row.created_at).toISOString(),
        }
      : undefined;
    return { place, tip, previous: row?.tip };
  }

  /** Asks the model for a tip and keeps it as the cached one. */
  async generate(
    model: Model,
    place: PlaceFacts,
    lang: AiLang,
    previous: string | undefined,
    signal: AbortSignal,
  ): Promise<Tip> {
    let text: string | null | undefined;
    try {
      const client = await model.client();
      const completion = await client.chat.completions.create(
        {
          model: model.name,
          messages: [
            { role: 'system', content: instructions[lang] },
            {
              role: 'user',
              content:
                describe(place, lang) +
                (previous ? `\n\nGive a different tip from this one: ${previous}` : ''),
            },
          ],
          max_tokens: 200,
          temperature: previous ? 1 : 0.7,
        },
        { signal },
      );
      text = completion.choices[0]?.message.content;
    } catch (err) {
      throw modelFailure(err, signal);
    }
    const tip = cleanTip(text);
    const now = new Date();
    await this.db.write(async (transaction) => {
      // Bound values: the tip is the model's text and may hold any code point (NUL included).
      await this.db.sequelize.query('DELETE FROM ai_tips WHERE attraction_id = $id AND lang = $lang', {
        bind: { id: place.id, lang },
        transaction,
      });
      await this.db.sequelize.query(
        'INSERT INTO ai_tips (attraction_id, lang, tip, model, created_at) VALUES ($id, $lang, $tip, $model, $now)',
        {
          bind: { id: place.id, lang, tip, model: model.name, now: sqlTime(this.db.dialect, now) },
          transaction,
        },
      );
    });
    return { attractionId: place.id, lang, tip, cached: false, createdAt: now.toISOString() };
  }
}
