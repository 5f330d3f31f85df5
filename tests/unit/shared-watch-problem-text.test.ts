import { describe, expect, it } from 'vitest'
import { fileInFolder, problemText } from '../../src/shared/watch-problem-text'

describe('watched-file problem text', () => {
  it('names the file by its place inside the watched folder, POSIX or Windows, trailing separator or not', () => {
    expect(fileInFolder('/home/a/in', '/home/a/in/Recipes/soup.jpg')).toBe('Recipes/soup.jpg')
    expect(fileInFolder('/home/a/in/', '/home/a/in/soup.jpg')).toBe('soup.jpg')
    expect(fileInFolder('C:\\Users\\a\\in', 'C:\\Users\\a\\in\\Recipes\\soup.jpg')).toBe('Recipes\\soup.jpg')
    // A sibling folder that only shares the prefix is not inside.
    expect(fileInFolder('/home/a/in', '/home/a/inbox/soup.jpg')).toBe('soup.jpg')
  })

  it('drops a leading "name: " already shown next to the message, and keeps other messages whole', () => {
    expect(problemText({ path: '/in/notes.jpg', message: 'notes.jpg: is not an image or video' })).toBe(
      'is not an image or video',
    )
    expect(problemText({ path: '/in/notes.jpg', message: 'Folder in was moved or deleted' })).toBe(
      'Folder in was moved or deleted',
    )
  })
})
