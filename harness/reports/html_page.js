// The Kunden-App report on top of pytest-html's page (harness/reports/html.py): filters by area, case and
// platform (next to pytest-html's by result) and screens at full size on a click.
(() => {
  const chosen = { area: '', case: '', platform: '' }
  const has = (list, value) => !value || (list || '').split(' ').includes(value)

  const apply = () => {
    let shown = 0
    let all = 0
    document.querySelectorAll('#results-table tbody.results-table-row').forEach((body) => {
      const tags = body.querySelector('td.col-tags')
      if (!tags) return
      all += 1
      const fits = (!chosen.area || tags.dataset.area === chosen.area) &&
        has(tags.dataset.cases, chosen.case) && has(tags.dataset.platforms, chosen.platform)
      body.classList.toggle('ka-hidden', !fits)
      if (fits) shown += 1
    })
    document.querySelectorAll('table.ka-features tbody tr[data-area]').forEach((row) => {
      row.classList.toggle('ka-hidden', !!chosen.area && row.dataset.area !== chosen.area)
    })
    const count = document.querySelector('.ka-filter-count')
    const filtering = chosen.area || chosen.case || chosen.platform
    if (count) count.textContent = filtering ? `${shown} von ${all} Zeilen` : ''
  }

  document.addEventListener('change', (event) => {
    const name = event.target.dataset && event.target.dataset.kaFilter
    if (name) {
      chosen[name] = event.target.value
      apply()
    }
  })
  // pytest-html draws the table anew after each sort, filter or click: the filters apply again
  new MutationObserver(apply).observe(document.body, { childList: true })

  const box = () => document.getElementById('ka-lightbox')
  document.addEventListener('click', (event) => {
    const screen = event.target.closest && event.target.closest('img.ka-screen')
    const lightbox = box()
    if (screen && lightbox) {
      lightbox.querySelector('img').src = screen.src
      lightbox.querySelector('img').alt = screen.alt
      lightbox.querySelector('figcaption').textContent = screen.alt
      lightbox.hidden = false
      event.stopPropagation()
    } else if (lightbox && !lightbox.hidden && event.target.closest('#ka-lightbox')) {
      lightbox.hidden = true
    }
  })
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && box()) box().hidden = true
  })
})()
