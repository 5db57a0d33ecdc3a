"""Drafts as writers write them: read (text, Markdown, HTML, .docx, .odt), check author-year
citations, render pandoc citations, write HTML/.docx/.odt and the cited works' bibliography file.

Modules, by responsibility: reading, office (docx/odt readers), finding, resolving, checking,
pandoc (citation syntax), frontmatter (YAML metadata), rendering, document (the Markdown model
the writers share), outputs (HTML, --bib-out), docx_out, odt_out, zipping.
"""
