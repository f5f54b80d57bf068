import type { JSX } from 'react';

/** Bundled illustrations of the featured regions (no network images; decorative). */

export type RegionKey = 'seoul' | 'busan' | 'jeju';

function SeoulArt() {
  return (
    <svg viewBox="0 0 320 200" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="seoul-sky" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#312e81" />
          <stop offset="0.6" stopColor="#db2777" />
          <stop offset="1" stopColor="#fbbf24" />
        </linearGradient>
      </defs>
      <rect width="320" height="200" fill="url(#seoul-sky)" />
      <circle cx="70" cy="48" r="16" fill="#fde68a" opacity="0.9" />
      <g fill="#4c1d95" opacity="0.55">
        <rect x="150" y="104" width="14" height="60" />
        <rect x="168" y="92" width="12" height="72" />
        <rect x="184" y="110" width="16" height="54" />
        <rect x="204" y="98" width="10" height="66" />
      </g>
      <path d="M180 150 Q250 92 320 120 V200 H180Z" fill="#1e1b4b" />
      <g fill="#1e1b4b">
        <rect x="254" y="44" width="5" height="62" />
        <rect x="247" y="66" width="19" height="9" rx="3" />
        <path d="M256.5 22 L258.5 44 H254.5Z" />
      </g>
      <path d="M0 164 H320 V200 H0Z" fill="#0f0d2e" />
      <rect x="44" y="150" width="172" height="16" fill="#3f3a4f" />
      <g fill="#7f1d1d">
        <rect x="62" y="124" width="6" height="26" />
        <rect x="96" y="124" width="6" height="26" />
        <rect x="158" y="124" width="6" height="26" />
        <rect x="192" y="124" width="6" height="26" />
      </g>
      <rect x="60" y="122" width="140" height="5" fill="#15803d" />
      <path d="M16 112 Q130 134 244 112 L216 96 L44 96 Z" fill="#111827" />
      <rect x="66" y="90" width="128" height="7" rx="2" fill="#111827" />
      <path d="M112 150 V134 Q130 124 148 134 V150Z" fill="#0f0d2e" />
      <g fill="#fbbf24" opacity="0.85">
        <rect x="74" y="134" width="14" height="10" rx="1" />
        <rect x="172" y="134" width="14" height="10" rx="1" />
      </g>
    </svg>
  );
}

function BusanArt() {
  return (
    <svg viewBox="0 0 320 200" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="busan-sky" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#0ea5e9" />
          <stop offset="1" stopColor="#bae6fd" />
        </linearGradient>
        <linearGradient id="busan-sea" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#0369a1" />
          <stop offset="1" stopColor="#0c4a6e" />
        </linearGradient>
      </defs>
      <rect width="320" height="200" fill="url(#busan-sky)" />
      <circle cx="70" cy="58" r="20" fill="#fef3c7" />
      <path d="M180 120 L210 70 L240 120Z M250 120 L270 88 L292 120Z" fill="#0c4a6e" opacity="0.35" />
      <rect y="118" width="320" height="82" fill="url(#busan-sea)" />
      <g stroke="#e0f2fe" strokeWidth="2" fill="none" opacity="0.95">
        <path d="M0 112 H320" strokeWidth="4" />
        <path d="M90 60 V118 M230 60 V118" strokeWidth="5" />
        <path d="M0 100 Q45 112 90 60 Q160 118 230 60 Q275 112 320 100" />
        <path
          d="M110 78 V112 M130 92 V112 M150 100 V112 M170 100 V112 M190 92 V112 M210 78 V112"
          strokeWidth="1.2"
        />
      </g>
      <g stroke="#7dd3fc" strokeWidth="2" strokeLinecap="round" opacity="0.7">
        <path d="M30 150 q10 -6 20 0 t20 0" fill="none" />
        <path d="M170 170 q10 -6 20 0 t20 0" fill="none" />
        <path d="M250 142 q10 -6 20 0 t20 0" fill="none" />
      </g>
      <path d="M0 186 Q80 170 160 184 T320 180 V200 H0Z" fill="#fde68a" />
    </svg>
  );
}

function JejuArt() {
  return (
    <svg viewBox="0 0 320 200" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="jeju-sky" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#99f6e4" />
          <stop offset="1" stopColor="#ecfeff" />
        </linearGradient>
      </defs>
      <rect width="320" height="200" fill="url(#jeju-sky)" />
      <path d="M20 130 Q110 40 160 46 Q210 40 300 130Z" fill="#15803d" />
      <path d="M138 50 Q160 40 182 50 Q170 56 160 55 Q150 56 138 50Z" fill="#f0fdf4" />
      <path d="M0 130 H320 V200 H0Z" fill="#0e7490" />
      <path d="M0 146 Q80 132 160 144 T320 140 V200 H0Z" fill="#166534" />
      <g>
        <circle cx="50" cy="170" r="16" fill="#15803d" />
        <circle cx="100" cy="176" r="18" fill="#16a34a" />
        <circle cx="250" cy="172" r="17" fill="#15803d" />
        <circle cx="292" cy="178" r="15" fill="#16a34a" />
        <circle cx="44" cy="166" r="4.5" fill="#fb923c" />
        <circle cx="58" cy="174" r="4.5" fill="#f97316" />
        <circle cx="94" cy="170" r="4.5" fill="#fb923c" />
        <circle cx="108" cy="180" r="4.5" fill="#f97316" />
        <circle cx="244" cy="168" r="4.5" fill="#fb923c" />
        <circle cx="258" cy="177" r="4.5" fill="#f97316" />
        <circle cx="288" cy="174" r="4.5" fill="#fb923c" />
      </g>
      <g fill="#57534e">
        <ellipse cx="175" cy="178" rx="9" ry="14" />
        <circle cx="175" cy="160" r="7" />
      </g>
    </svg>
  );
}

const arts: Record<RegionKey, () => JSX.Element> = { seoul: SeoulArt, busan: BusanArt, jeju: JejuArt };

export function RegionArt({ region }: { region: RegionKey }) {
  const Art = arts[region];
  return <Art />;
}
