"""The three-way merge of a returned file's content with content/ (``threeway``), and the YAML
files edited in place so that what did not change keeps every byte (``yamledit``) or written
new (``yamlwrite``)."""
