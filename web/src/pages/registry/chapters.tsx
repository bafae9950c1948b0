import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox } from "../../components";
import { useFormField } from "../../components/Form";
import { useNameLanguage } from "../reference/LocalName";
import { htmlLang, pickName } from "../reference/names";
import { type HsChapter, useHsChapters } from "./queries";

/** "第08章 食用水果及坚果" / "Группа 08 …": the chapter's number and its name in the reader's language. */
export function useChapterLabel(): (chapter: HsChapter) => {
  code: string;
  name: string | null;
  lang?: string;
} {
  const { t } = useTranslation();
  const reader = useNameLanguage();
  return (chapter) => {
    const picked = chapter.names ? pickName(chapter.names, reader) : null;
    return {
      code: t("reference.hs.levelCode.chapter", { code: chapter.code }),
      name: picked?.text ?? null,
      ...(picked?.fallback ? { lang: htmlLang(picked.language) } : {}),
    };
  };
}

/** Chapter names by code, for showing an enterprise's chapters. */
export function useChapterNames(): ReadonlyMap<string, HsChapter> {
  const { chapters } = useHsChapters();
  return useMemo(() => new Map(chapters.map((chapter) => [chapter.code, chapter])), [chapters]);
}

export interface ChapterPickerProps {
  value: readonly string[];
  onChange: (value: string[]) => void;
}

/**
 * Picks any number of the 96 HS chapters: the chosen ones as removable chips on top, and below them a
 * filter (by number or by words in the reader's language) over a scrolling list of checkboxes.
 */
export function ChapterPicker({ value, onChange }: ChapterPickerProps) {
  const { t } = useTranslation();
  const { chapters, pending } = useHsChapters();
  const label = useChapterLabel();
  const [filter, setFilter] = useState("");
  const generated = useId().replace(/:/g, "");
  const filterId = `chapters-${generated}`;
  const hintId = `${filterId}-hint`;
  const errorId = `${filterId}-error`;
  const formError = useFormField("hsChapters", filterId);
  const needle = filter.trim().toLocaleLowerCase();
  const visible = chapters.filter((chapter) => {
    if (needle === "") return true;
    // "8" finds chapter 08 as well as 80–89.
    if (
      /^\d{1,2}$/.test(needle) &&
      (chapter.code.startsWith(needle) || chapter.code === needle.padStart(2, "0"))
    )
      return true;
    const names = chapter.names;
    return Boolean(
      names && [names.zh, names.ru, names.en].some((name) => name?.toLocaleLowerCase().includes(needle)),
    );
  });
  const selected = chapters.filter((chapter) => value.includes(chapter.code));
  const toggle = (code: string) =>
    onChange(value.includes(code) ? value.filter((c) => c !== code) : [...value, code].sort());

  return (
    <fieldset
      className={formError ? "field fieldset field--invalid chapter-picker" : "field fieldset chapter-picker"}
    >
      <legend className="field__label">
        {t("registry.form.chapters")}
        <span className="field__optional"> ({t("common.optional")})</span>
      </legend>
      <p className="field__hint" id={hintId}>
        {t("registry.form.chaptersHint")}
      </p>
      {formError ? (
        <p className="field__error" id={errorId}>
          {formError}
        </p>
      ) : null}
      {selected.length > 0 ? (
        <ul className="chip-list" aria-label={t("registry.form.chaptersChosen")}>
          {selected.map((chapter) => {
            const text = label(chapter);
            return (
              <li key={chapter.code} className="chip">
                <span>{text.code}</span>
                <button
                  type="button"
                  className="chip__remove"
                  onClick={() => toggle(chapter.code)}
                  aria-label={t("registry.form.chapterRemove", { chapter: text.code })}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <label className="chapter-picker__filter-label" htmlFor={filterId}>
        {t("registry.form.chaptersFilter")}
      </label>
      <input
        id={filterId}
        type="search"
        className="input"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        aria-describedby={[hintId, formError ? errorId : ""].filter(Boolean).join(" ")}
        aria-invalid={formError ? true : undefined}
        autoComplete="off"
      />
      {pending ? (
        <p className="field__hint">{t("common.loading")}</p>
      ) : (
        <div className="chapter-picker__list">
          {visible.length === 0 ? (
            <p className="field__hint">{t("registry.form.chaptersNone", { q: filter.trim() })}</p>
          ) : (
            visible.map((chapter) => {
              const text = label(chapter);
              return (
                <Checkbox
                  key={chapter.code}
                  id={`${filterId}-${chapter.code}`}
                  value={chapter.code}
                  label={
                    <>
                      <span className="chapter-picker__code">{text.code}</span>{" "}
                      {text.name ? <span lang={text.lang}>{text.name}</span> : null}
                    </>
                  }
                  checked={value.includes(chapter.code)}
                  onChange={() => toggle(chapter.code)}
                />
              );
            })
          )}
        </div>
      )}
    </fieldset>
  );
}
