"""Coverage reports: how the coverage of a show evolves (docs/coverage.md).

* ``periods``     -- day / ISO week / month labels and bounds (pure)
* ``gaps``        -- which periods a source's crawls did not observe
* ``coverage``    -- the coverage, compare and timeline queries
* ``show_lookup`` -- SHOW argument (id, title, alias) → catalog show
* ``render``      -- table / CSV / JSON text
* ``charts``      -- self-contained HTML (inline SVG) and PNG charts
"""
