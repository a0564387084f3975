#!/usr/bin/env bash
# Synthesises every Close Call sound with sox (no samples, no downloads) and writes
#   assets/sounds/<id>.ogg and assets/sounds/<id>.mp3  (mono, 44.1 kHz)
# then measures every file with `sox <file> -n stat` and rewrites assets/sounds/README.md.
# Run from the repository root:  bash tools/make-sounds.sh   (or: npm run sounds)
# Deterministic: all "random" timings come from bash's RANDOM with a fixed seed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/assets/sounds"
RATE=44100

if ! command -v sox >/dev/null 2>&1; then
  echo "make-sounds: sox is not installed (apt-get install sox libsox-fmt-all)" >&2
  exit 1
fi
if [[ "$(sox --help-format mp3 2>/dev/null || true)" != *"Format: mp3"* ]]; then
  echo "make-sounds: this sox cannot write mp3 (install libsox-fmt-mp3 or libsox-fmt-all)" >&2
  exit 1
fi

mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# -D disables dither and -R keeps sox's
# own randomness repeatable, so re-runs give the same samples.
s() { sox -D -R "$@"; }
sg() { sox -G -D -R "$@"; } # with automatic clipping guard, for mixes and reverbs
gen() { # gen <out.wav> <sox synth/effects...>: render from nothing to mono 44.1 kHz
  local out="$1"
  shift
  s -n -r "$RATE" -c 1 -b 16 "$out" "$@"
}
silence() { gen "$1" trim 0 "$2"; }
mix() { # mix <out> <in...>: sum at a fixed level (every sound is peak-normalised at the end)
  local out="$1"
  shift
  local args=()
  for f in "$@"; do args+=(-v 0.45 "$f"); done
  sg -m "${args[@]}" -b 16 "$out"
}
# note <out> <freq> <dur> <gain dB>: soft bell-like tone (sine + quiet octave, fast attack, decay)
note() {
  local out="$1" f="$2" d="$3" g="$4"
  local f2
  f2=$(awk -v f="$f" 'BEGIN{printf "%.2f", f*2}')
  gen "$WORK/n1.wav" synth "$d" sine "$f" fade q 0.008 "$d" "$(awk -v d="$d" 'BEGIN{print d*0.9}')"
  gen "$WORK/n2.wav" synth "$d" sine "$f2" fade q 0.005 "$d" "$(awk -v d="$d" 'BEGIN{print d*0.94}')" gain -14
  mix "$WORK/n3.wav" "$WORK/n1.wav" "$WORK/n2.wav"
  s "$WORK/n3.wav" "$out" gain "$g"
}
delayed() { # delayed <in> <out> <seconds>
  s "$1" "$2" pad "$3" 0
}
# finish <id> <wav> <peak dBFS>: normalise peak, then encode ogg + mp3
finish() {
  local id="$1" wav="$2" peak="$3"
  s "$wav" -b 16 "$WORK/$id.final.wav" gain -n "$peak"
  s "$WORK/$id.final.wav" -C 3 "$OUT/$id.ogg"
  s "$WORK/$id.final.wav" -C 64 "$OUT/$id.mp3"
  echo "make-sounds: $id"
}

# ---------- UI ----------
# ui-click: a short soft wooden tick
gen "$WORK/click.wav" synth 0.045 sine 1500-900 fade q 0.002 0.045 0.04 lowpass 3000
finish ui-click "$WORK/click.wav" -6

# ui-confirm: two gentle rising notes
note "$WORK/c1.wav" 659.26 0.16 -3
note "$WORK/c2.wav" 987.77 0.26 -3
delayed "$WORK/c2.wav" "$WORK/c2d.wav" 0.07
mix "$WORK/confirm.wav" "$WORK/c1.wav" "$WORK/c2d.wav"
finish ui-confirm "$WORK/confirm.wav" -6

# ui-back: the same two notes falling
note "$WORK/b1.wav" 880 0.14 -3
note "$WORK/b2.wav" 587.33 0.22 -3
delayed "$WORK/b2.wav" "$WORK/b2d.wav" 0.07
mix "$WORK/back.wav" "$WORK/b1.wav" "$WORK/b2d.wav"
finish ui-back "$WORK/back.wav" -6

# page-turn: a papery swish of band-passed noise with a rising sweep
gen "$WORK/page-a.wav" synth 0.32 pinknoise fade q 0.06 0.32 0.2 highpass 900 lowpass 6000
gen "$WORK/page-b.wav" synth 0.18 whitenoise fade q 0.01 0.18 0.14 bandpass 3500 1.2q gain -8
delayed "$WORK/page-b.wav" "$WORK/page-bd.wav" 0.12
mix "$WORK/page.wav" "$WORK/page-a.wav" "$WORK/page-bd.wav"
finish page-turn "$WORK/page.wav" -8

# ---------- Reactions ----------
# warm-chime: rising major arpeggio (C5 E5 G5) that rings out
note "$WORK/w1.wav" 523.25 1.0 -2
note "$WORK/w2.wav" 659.26 0.95 -2
note "$WORK/w3.wav" 783.99 0.9 -2
delayed "$WORK/w2.wav" "$WORK/w2d.wav" 0.09
delayed "$WORK/w3.wav" "$WORK/w3d.wav" 0.18
mix "$WORK/warm.wav" "$WORK/w1.wav" "$WORK/w2d.wav" "$WORK/w3d.wav"
sg "$WORK/warm.wav" "$WORK/warm2.wav" reverb 30 50 60
finish warm-chime "$WORK/warm2.wav" -4.5

# cool-note: one low, short, muted tone (G3) that slides a little down
gen "$WORK/cool1.wav" synth 0.45 sine 196-185 fade q 0.02 0.45 0.38
gen "$WORK/cool2.wav" synth 0.45 triangle 98-92.5 fade q 0.02 0.45 0.4 gain -10
mix "$WORK/cool.wav" "$WORK/cool1.wav" "$WORK/cool2.wav"
s "$WORK/cool.wav" "$WORK/cool3.wav" lowpass 900
finish cool-note "$WORK/cool3.wav" -5

# offer-sting: a quick bright arpeggio (C5 E5 G5 C6) landing on a soft held chord
note "$WORK/o1.wav" 523.25 1.6 -4
note "$WORK/o2.wav" 659.26 1.5 -4
note "$WORK/o3.wav" 783.99 1.4 -4
note "$WORK/o4.wav" 1046.5 1.3 -4
delayed "$WORK/o2.wav" "$WORK/o2d.wav" 0.08
delayed "$WORK/o3.wav" "$WORK/o3d.wav" 0.16
delayed "$WORK/o4.wav" "$WORK/o4d.wav" 0.26
gen "$WORK/opad.wav" synth 1.6 triangle 261.63 triangle 329.63 fade q 0.3 1.6 0.8 gain -16
delayed "$WORK/opad.wav" "$WORK/opadd.wav" 0.2
mix "$WORK/offer.wav" "$WORK/o1.wav" "$WORK/o2d.wav" "$WORK/o3d.wav" "$WORK/o4d.wav" "$WORK/opadd.wav"
sg "$WORK/offer.wav" "$WORK/offer2.wav" reverb 35 50 70
finish offer-sting "$WORK/offer2.wav" -4

# reject-note: two soft falling notes, a minor third, low and brief
note "$WORK/r1.wav" 392 0.35 -3
note "$WORK/r2.wav" 329.63 0.6 -3
delayed "$WORK/r2.wav" "$WORK/r2d.wav" 0.2
mix "$WORK/reject.wav" "$WORK/r1.wav" "$WORK/r2d.wav"
sg "$WORK/reject.wav" "$WORK/reject2.wav" lowpass 1800 reverb 20
finish reject-note "$WORK/reject2.wav" -5

# ---------- Office bed (seamless loop) ----------
BED=16    # loop length in seconds
XF=2      # crossfade length in seconds
TOTAL=$((BED + XF))
# air: pink noise, darkened, very quiet
gen "$WORK/air.wav" synth "$TOTAL" pinknoise lowpass 500 lowpass 500 gain -18
# hum of a far ventilation unit
gen "$WORK/hum.wav" synth "$TOTAL" sine 110 sine 55 gain -40
# keyboard ticks in bursts, positions from a fixed seed
RANDOM=4242
gen "$WORK/tick.wav" synth 0.014 whitenoise fade q 0.001 0.014 0.012 bandpass 2600 1.5q gain -14
gen "$WORK/tick2.wav" synth 0.018 whitenoise fade q 0.001 0.018 0.015 bandpass 1900 1.5q gain -16
parts=()
t=0
i=0
limit=$((TOTAL * 1000 - 500))
while ((t < limit)); do
  pause=$((900 + RANDOM % 2200))
  parts+=("$WORK/gap$i.wav")
  silence "$WORK/gap$i.wav" "$(awk -v m="$pause" 'BEGIN{print m/1000}')"
  t=$((t + pause))
  i=$((i + 1))
  burst=$((3 + RANDOM % 7))
  for ((k = 0; k < burst && t < limit; k++)); do
    if ((RANDOM % 3 == 0)); then parts+=("$WORK/tick2.wav"); else parts+=("$WORK/tick.wav"); fi
    gap=$((70 + RANDOM % 160))
    parts+=("$WORK/gap$i.wav")
    silence "$WORK/gap$i.wav" "$(awk -v m="$gap" 'BEGIN{print m/1000}')"
    t=$((t + gap + 15))
    i=$((i + 1))
  done
done
s "${parts[@]}" "$WORK/keys-raw.wav"
sg "$WORK/keys-raw.wav" "$WORK/keys-rev.wav" lowpass 4000 reverb 40 50 80
s -V1 "$WORK/keys-rev.wav" "$WORK/keys.wav" pad 0 "$TOTAL" trim 0 "$TOTAL"
# a phone trilling far away, once (two rings), well inside the loop
gen "$WORK/ring.wav" synth 0.8 sine 1150 synth 0.8 square amod 17 fade q 0.03 0.8 0.05
silence "$WORK/ringgap.wav" 0.35
s "$WORK/ring.wav" "$WORK/ringgap.wav" "$WORK/ring.wav" "$WORK/rings.wav"
sg "$WORK/rings.wav" "$WORK/phone-rev.wav" lowpass 1400 highpass 500 reverb 70 60 100
s -V1 "$WORK/phone-rev.wav" "$WORK/phone.wav" gain -26 pad 7.5 "$TOTAL" trim 0 "$TOTAL"
mix "$WORK/bedraw.wav" "$WORK/air.wav" "$WORK/hum.wav" "$WORK/keys.wav" "$WORK/phone.wav"
s "$WORK/bedraw.wav" "$WORK/bedfull.wav" trim 0 "$TOTAL"
# seamless loop: the tail (BED..BED+XF) fades out over the head (0..XF), which fades in
s "$WORK/bedfull.wav" "$WORK/head.wav" trim 0 "$XF" fade q "$XF"
s "$WORK/bedfull.wav" "$WORK/tail.wav" trim "$BED" "$XF" fade q 0 "$XF" "$XF"
mix "$WORK/xf.wav" "$WORK/head.wav" "$WORK/tail.wav"
s "$WORK/bedfull.wav" "$WORK/mid.wav" trim "$XF" $((BED - XF))
s "$WORK/xf.wav" "$WORK/mid.wav" "$WORK/bed.wav"
s "$WORK/bed.wav" -r 22050 "$WORK/bed22.wav"
# the bed is kept at 22.05 kHz (it has no content above ~5 kHz) to stay small
s "$WORK/bed22.wav" -b 16 "$WORK/office-bed.final.wav" gain -n -13
s "$WORK/office-bed.final.wav" -C 1 "$OUT/office-bed.ogg"
s "$WORK/office-bed.final.wav" -C 64 "$OUT/office-bed.mp3"
echo "make-sounds: office-bed"

# ---------- Voice babble ----------
# voice <id> <base Hz> <syllable count> <seed>: syllable-like blips: a sawtooth with a small
# pitch glide, shaped by two vowel formants (equalizer boosts) and a soft envelope.
F1S=(730 530 300 570 440 660)
F2S=(1090 1840 2290 840 1020 1720)
voice() {
  local id="$1" base="$2" count="$3" seed="$4"
  RANDOM=$seed
  local parts=() n
  for ((n = 0; n < count; n++)); do
    local v=$((RANDOM % 6))
    local dur=$((70 + RANDOM % 55))
    local up=$((RANDOM % 2))
    local f0 f1 d
    d=$(awk -v m="$dur" 'BEGIN{print m/1000}')
    if ((up)); then
      f0=$(awk -v b="$base" 'BEGIN{print b*0.96}')
      f1=$(awk -v b="$base" 'BEGIN{print b*1.08}')
    else
      f0=$(awk -v b="$base" 'BEGIN{print b*1.06}')
      f1=$(awk -v b="$base" 'BEGIN{print b*0.92}')
    fi
    gen "$WORK/$id-s$n.wav" synth "$d" sawtooth "$f0-$f1" \
      lowpass 3200 equalizer "${F1S[$v]}" 0.7q +12 equalizer "${F2S[$v]}" 0.9q +9 highpass 90 \
      fade q 0.012 "$d" "$(awk -v m="$dur" 'BEGIN{print (m*0.55)/1000}')"
    parts+=("$WORK/$id-s$n.wav")
    local gap=$((20 + RANDOM % 40))
    silence "$WORK/$id-g$n.wav" "$(awk -v m="$gap" 'BEGIN{print m/1000}')"
    parts+=("$WORK/$id-g$n.wav")
  done
  s "${parts[@]}" "$WORK/$id-raw.wav"
  sg "$WORK/$id-raw.wav" "$WORK/$id.wav" reverb 15 50 20
  finish "$id" "$WORK/$id.wav" -13
}
voice voice-low 105 5 101
voice voice-mid 165 5 202
voice voice-high 235 5 303

# ---------- Measurements -> README ----------
purpose() {
  case "$1" in
  ui-click) echo "soft tick for buttons and choices" ;;
  ui-confirm) echo "confirm (two rising notes)" ;;
  ui-back) echo "back / cancel (two falling notes)" ;;
  page-turn) echo "papery swish between pages / days" ;;
  warm-chime) echo "the decision-maker warms (rising arpeggio)" ;;
  cool-note) echo "the decision-maker cools (low short note)" ;;
  offer-sting) echo "an offer is made (brief, pleasant)" ;;
  reject-note) echo "a rejection (soft falling third)" ;;
  office-bed) echo "loopable office ambience (air, keys, far phone)" ;;
  voice-low) echo "voice babble, low voices" ;;
  voice-mid) echo "voice babble, middle voices" ;;
  voice-high) echo "voice babble, high voices" ;;
  esac
}
measure() { # prints "<duration s> <peak dBFS>"
  sox "$1" -n stat 2>&1 | awk '
    /^Length \(seconds\)/ {len=$3}
    /^Maximum amplitude/ {mx=$3}
    /^Minimum amplitude/ {mn=$3}
    END {
      p = (mx > -mn) ? mx : -mn
      if (p <= 0) db = "-inf"; else db = sprintf("%.1f", 20*log(p)/log(10))
      printf "%.2f %s\n", len, db
    }'
}
IDS=(ui-click ui-confirm ui-back page-turn warm-chime cool-note offer-sting reject-note office-bed voice-low voice-mid voice-high)
{
  echo "# Sounds"
  echo
  echo "Every sound here is synthesised by \`tools/make-sounds.sh\` with sox (no recordings, no samples)."
  echo "Rebuild all of them from the repository root with \`npm run sounds\` (or \`bash tools/make-sounds.sh\`);"
  echo "this table is rewritten by the script from \`sox <file> -n stat\` measurements of the encoded files."
  echo "Targets: peaks at or below -3 dBFS for stings and UI, -12 dBFS for the bed and voices."
  echo "Mono; 44.1 kHz except office-bed (22.05 kHz). Licence: original, part of this repository."
  echo
  echo "| id | purpose | duration (s) | peak ogg (dBFS) | peak mp3 (dBFS) | size ogg | size mp3 |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for id in "${IDS[@]}"; do
    read -r dur pk < <(measure "$OUT/$id.ogg")
    read -r _ pk3 < <(measure "$OUT/$id.mp3")
    so=$(stat -c %s "$OUT/$id.ogg")
    sm=$(stat -c %s "$OUT/$id.mp3")
    printf '| `%s` | %s | %s | %s | %s | %.1f KB | %.1f KB |\n' "$id" "$(purpose "$id")" "$dur" "$pk" "$pk3" \
      "$(awk -v b="$so" 'BEGIN{print b/1024}')" "$(awk -v b="$sm" 'BEGIN{print b/1024}')"
  done
  echo
  echo "Durations are those of the .ogg files (the mp3 encoder adds a few milliseconds of padding,"
  echo "so loop \`office-bed\` from the .ogg where the browser supports it; the bed's ends are crossfaded)."
} >"$OUT/README.md"
echo "make-sounds: wrote $OUT/README.md"
